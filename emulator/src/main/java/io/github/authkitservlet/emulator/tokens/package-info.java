/** Internal: signing keys and JWKS, access-token minting, refresh tokens. Not an API. */
package io.github.authkitservlet.emulator.tokens;
