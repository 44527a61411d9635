/**
 * Internal: WorkOS events delivered as signed webhooks (the endpoint registry and its
 * {@code /webhook_endpoints} API, the {@code WorkOS-Signature} signer, the delivery thread).
 * Not an API.
 */
package io.github.authkitservlet.emulator.events;
