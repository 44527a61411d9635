package io.github.authkitservlet.internal.workos;

import java.util.logging.Level;

/**
 * Why a session could not be issued, refreshed or confirmed: the one list every part of AuthKit
 * decides from, so what a failure means (sign the user out or not, 502 or 503, how loud to log) is
 * said once, here.
 *
 * <p>Only {@link #REFUSED} is terminal: WorkOS looked at the grant and said no (an
 * {@code invalid_grant}, a spent or revoked refresh token, {@code sso_required}, ...), so the user
 * must sign in again. Every other reason is nobody's fault of the user's, and nothing is thrown
 * away: the request is served while the token is valid, else answered 503 with
 * {@code Retry-After}, and the cookie is kept.
 */
public enum FailureReason {
  /** WorkOS could not be reached (connection refused, DNS, timeout). */
  UNREACHABLE("workos_unreachable", 503, Level.WARNING),
  /** WorkOS answered 429. */
  RATE_LIMITED("workos_rate_limited", 503, Level.WARNING),
  /** WorkOS answered 5xx or 408. */
  UNAVAILABLE("workos_unavailable", 502, Level.WARNING),
  /** WorkOS refused our own API key (401): an operator's problem, nothing the user did. */
  REJECTED_API_KEY("workos_rejected_api_key", 502, Level.SEVERE),
  /** WorkOS (or a proxy in front of it) answered something the SDK could not read. */
  BAD_RESPONSE("workos_bad_response", 502, Level.WARNING),
  /** WorkOS refused the grant for good; the code it gave is the failure's {@code code}. */
  REFUSED("refused", 400, Level.FINE),
  /** A token WorkOS just issued could not be verified: our key set is stale or unreachable. */
  TOKEN_UNVERIFIABLE("token_unverifiable", 503, Level.SEVERE),
  /** The signing keys could not be fetched and none are cached. */
  KEYS_UNAVAILABLE("keys_unavailable", 503, Level.WARNING),
  /** Another request's refresh of the same token did not finish in time. */
  REFRESH_IN_PROGRESS("refresh_in_progress", 503, Level.FINE),
  /**
   * More API keys this server did not know arrived than {@code workos.api-key-validation-rate}
   * lets it ask WorkOS about: someone may be guessing keys, and WorkOS's rate limit is shared with
   * sign-in and refresh.
   */
  VALIDATIONS_LIMITED("api_key_validations_limited", 503, Level.WARNING),
  /** Something unexpected inside AuthKit (never the user's fault). */
  INTERNAL_ERROR("internal_error", 503, Level.WARNING);

  private final String code;
  private final int status;
  private final Level logLevel;

  FailureReason(String code, int status, Level logLevel) {
    this.code = code;
    this.status = status;
    this.logLevel = logLevel;
  }

  /** The machine code shown on error pages and in logs (safe: no request data). */
  public String code() {
    return code;
  }

  /** Whether the user must sign in again. */
  public boolean isTerminal() {
    return this == REFUSED;
  }

  /**
   * The status of a page that reports this failure: 503 when trying again soon should work, 502
   * when WorkOS (or its configuration) answered badly, 400 for a refused grant.
   */
  public int status() {
    return status;
  }

  /** How loudly a failure of this kind is logged. */
  public Level logLevel() {
    return logLevel;
  }
}
