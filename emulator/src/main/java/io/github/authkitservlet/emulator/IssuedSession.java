package io.github.authkitservlet.emulator;

/**
 * A session the emulator started for a test without the hosted page
 * ({@link AuthKitEmulator#issueSession(String)}): the same tokens a sign-in gets, for a real
 * session that refreshes, revokes and logs out like any other.
 *
 * @param accessToken the access token JWT, with exactly the claims sign-in puts in it
 * @param refreshToken a single-use refresh token for the default client
 * @param sessionId the session id ({@code sid})
 * @param userId the user's id ({@code sub})
 * @param organizationId the session's organization ({@code org_id}), or null when the user has none
 */
public record IssuedSession(String accessToken, String refreshToken, String sessionId, String userId,
    String organizationId) { }
