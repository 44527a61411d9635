package io.github.authkitservlet.internal.workos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.workos.common.exceptions.BadRequestException;
import com.workos.common.exceptions.GenericServerException;
import com.workos.common.exceptions.NotFoundException;
import com.workos.common.exceptions.RateLimitException;
import com.workos.common.exceptions.TransportException;
import com.workos.common.exceptions.UnauthorizedException;
import com.workos.common.exceptions.UnprocessableEntityException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GrantErrorsTest {

  /** WorkOS refused for good, with this code. */
  private static Failure refused(String code) {
    return new Failure(FailureReason.REFUSED, code, Duration.ofSeconds(5));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token is invalid.\"}|invalid_grant",
      "{\"error\":\"sso_required\",\"error_description\":\"x\"}|sso_required",
      "{\"code\":\"mfa_enrollment\",\"message\":\"Enroll first\"}|mfa_enrollment",
      "{\"error\":\"<script>\"}|_script_",
      "not json|http_400",
      "[1,2]|http_400",
      "{\"error\":42}|http_400",
  })
  void badRequestIsTerminalWithTheReasonFromTheBody(String body, String reason) {
    assertEquals(refused(reason),
        GrantErrors.classify(new BadRequestException(null, null, null, null, body)));
  }

  @Test
  void otherClientErrorsAreTerminal() {
    assertEquals(refused("invalid_request"), GrantErrors.classify(
        new UnprocessableEntityException(null, null, null, null, "{\"code\":\"invalid_request\"}")));
    assertEquals(refused("http_404"),
        GrantErrors.classify(new NotFoundException(null, null, null, "/x", "")));
  }

  @Test
  void serverErrorsTimeoutsAndRateLimitsAreTransient() {
    assertEquals(new Failure(FailureReason.UNAVAILABLE, "workos_unavailable_500", Duration.ofSeconds(5)),
        GrantErrors.classify(new GenericServerException(500, null, null, null, "{\"error\":\"invalid_grant\"}", null)));
    assertEquals(new Failure(FailureReason.UNAVAILABLE, "workos_unavailable_503", Duration.ofSeconds(5)),
        GrantErrors.classify(new GenericServerException(503, null, null, null, "", null)));
    assertEquals(new Failure(FailureReason.UNREACHABLE, "workos_unreachable", Duration.ofSeconds(5)),
        GrantErrors.classify(new TransportException("timeout", new IOException("timeout"))));
    assertEquals(new Failure(FailureReason.RATE_LIMITED, "workos_rate_limited", Duration.ofSeconds(7)),
        GrantErrors.classify(new RateLimitException(null, null, null, 7L, "")));
    assertEquals(new Failure(FailureReason.RATE_LIMITED, "workos_rate_limited", Duration.ofSeconds(5)),
        GrantErrors.classify(new RateLimitException(null, null, null, null, "")));
  }

  @Test
  void onlyARefusalIsTerminal() {
    for (FailureReason reason : FailureReason.values()) {
      assertEquals(reason == FailureReason.REFUSED, Failure.of(reason).isTerminal(), reason.name());
    }
  }

  @Test
  void aRejectedApiKeyDoesNotSignUsersOut() {
    assertEquals(new Failure(FailureReason.REJECTED_API_KEY, "workos_rejected_api_key", Duration.ofSeconds(5)),
        GrantErrors.classify(new UnauthorizedException(null, null, null, "{\"message\":\"Unauthorized\"}")));
  }

  @Test
  void errorCodeReadsBothShapesAndIgnoresJunk() {
    assertEquals(Optional.of("invalid_grant"), GrantErrors.errorCode("{\"error\":\"invalid_grant\"}"));
    assertEquals(Optional.of("x"), GrantErrors.errorCode("{\"code\":\"x\",\"message\":\"m\"}"));
    assertEquals(Optional.empty(), GrantErrors.errorCode(null));
    assertEquals(Optional.empty(), GrantErrors.errorCode("{\"error\":\"" + "a".repeat(20_000) + "\"}"));
    assertEquals(Optional.empty(), GrantErrors.errorCode("{\"error\":"));
  }
}
