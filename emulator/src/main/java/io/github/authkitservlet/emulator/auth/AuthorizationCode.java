package io.github.authkitservlet.emulator.auth;

import io.github.authkitservlet.emulator.data.Impersonator;

/**
 * What an authorization code was issued for; {@code codeChallenge} is null without PKCE,
 * {@code impersonator} is null unless the sign-in is a dashboard impersonation.
 */
record AuthorizationCode(String clientId, String redirectUri, String userId, String organizationId,
    String codeChallenge, Impersonator impersonator) { }
