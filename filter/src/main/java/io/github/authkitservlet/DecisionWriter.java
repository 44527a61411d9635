package io.github.authkitservlet;

import io.github.authkitservlet.internal.core.CookieChange;
import io.github.authkitservlet.internal.core.Decision;
import io.github.authkitservlet.internal.core.Effects;
import io.github.authkitservlet.internal.http.CookieWriter;
import io.github.authkitservlet.internal.http.ErrorPage;
import io.github.authkitservlet.internal.http.JsonResponses;
import io.github.authkitservlet.internal.http.NoStore;
import io.github.authkitservlet.internal.http.SignOutPage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** Carries a decision out on a servlet response: its effects, then its answer. */
final class DecisionWriter {

  private final CookieWriter cookies;
  private final JsonResponses json;

  DecisionWriter(CookieWriter cookies, JsonResponses json) {
    this.cookies = cookies;
    this.json = json;
  }

  /**
   * Applies the decision to the response. Returns true when the request goes on to the
   * application ({@link Decision.Proceed}): the caller then passes it along, with the user.
   */
  boolean write(Decision decision, HttpServletRequest request, HttpServletResponse response) throws IOException {
    apply(decision.effects(), request, response);
    if (decision instanceof Decision.Proceed) {
      return true;
    }
    if (decision instanceof Decision.Redirect redirect) {
      response.sendRedirect(redirect.location());
    } else if (decision instanceof Decision.Refuse refuse) {
      if (refuse.retryAfter() != null) {
        response.setHeader("Retry-After", Long.toString(Math.max(1, refuse.retryAfter().toSeconds())));
      }
      if (refuse.wwwAuthenticate() != null) {
        response.setHeader("WWW-Authenticate", refuse.wwwAuthenticate());
      }
      if (refuse.page()) {
        ErrorPage.write(response, refuse.status(), refuse.title(), refuse.message(), refuse.tryAgainHref());
      } else {
        json.error(response, refuse.status(), refuse.code(), refuse.message());
      }
    } else if (decision instanceof Decision.ConfirmSignOut confirm) {
      SignOutPage.write(response, confirm.action(), confirm.stayHref());
    } else if (decision instanceof Decision.Acknowledge) {
      json.write(response, HttpServletResponse.SC_OK, Map.of("received", true));
    }
    return false;
  }

  private void apply(Effects effects, HttpServletRequest request, HttpServletResponse response) {
    if (effects.noStore()) {
      NoStore.apply(response);
    }
    for (CookieChange change : effects.cookies()) {
      if (change instanceof CookieChange.SetSession set) {
        cookies.setSession(request, response, set.sealedValue());
      } else if (change instanceof CookieChange.ClearSession) {
        cookies.clearSession(request, response);
      } else if (change instanceof CookieChange.SetFlow set) {
        cookies.setFlow(request, response, set.name(), set.sealedValue());
      } else if (change instanceof CookieChange.ClearFlow clear) {
        cookies.clearFlow(request, response, clear.name());
      }
    }
  }
}
