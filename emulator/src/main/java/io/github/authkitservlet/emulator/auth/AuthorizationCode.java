package io.github.authkitservlet.emulator.auth;

/** What an authorization code was issued for; {@code codeChallenge} is null without PKCE. */
record AuthorizationCode(String clientId, String redirectUri, String userId, String organizationId,
    String codeChallenge) { }
