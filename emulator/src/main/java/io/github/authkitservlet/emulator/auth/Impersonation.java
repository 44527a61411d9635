package io.github.authkitservlet.emulator.auth;

import io.github.authkitservlet.emulator.data.Client;
import io.github.authkitservlet.emulator.data.Impersonator;

/**
 * A dashboard impersonation on its way to the application: who is impersonated, in which
 * organization (null without one), by whom, for which client, and (for a client without a sign-in
 * endpoint) the redirect URI the code goes straight to.
 */
record Impersonation(Client client, String userId, String organizationId, Impersonator impersonator,
    String redirectUri) { }
