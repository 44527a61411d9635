package io.github.authkitservlet.internal.core;

import java.time.Duration;
import java.util.Objects;

/**
 * What AuthKit decided about one request: go on to the application, redirect, or answer in its
 * place. Adapters (the filter, the servlets, the authentication module) only carry it out: they
 * apply the {@link Effects} to the response, then do what the variant says.
 *
 * <p>Internal API of authkit-servlet.
 */
public sealed interface Decision {

  /** Headers and cookies the response carries whatever comes next. */
  Effects effects();

  /**
   * Go on to the application.
   *
   * @param caller who the request acts for, or null (a public path, nobody)
   */
  record Proceed(Caller caller, Effects effects) implements Decision {
    public Proceed {
      Objects.requireNonNull(effects, "effects");
    }
  }

  /** Answer 302 to {@code location} (relative to the server, or absolute). */
  record Redirect(String location, Effects effects) implements Decision {
    public Redirect {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(effects, "effects");
    }
  }

  /**
   * Answer in the application's place with an error: an HTML page for a browser, JSON
   * ({@code {"error": code, "message": message}}) for a script.
   *
   * @param status the HTTP status
   * @param code a stable machine code ({@code unauthenticated}, {@code forbidden}, ...)
   * @param title the page's heading
   * @param message what happened and what to do, for people
   * @param page whether to answer with an HTML page (else JSON)
   * @param tryAgainHref the page's "Try again" link, or null
   * @param retryAfter sent as {@code Retry-After}, or null
   * @param wwwAuthenticate sent as {@code WWW-Authenticate}, or null
   */
  record Refuse(int status, String code, String title, String message, boolean page, String tryAgainHref,
      Duration retryAfter, String wwwAuthenticate, Effects effects) implements Decision {
    public Refuse {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(effects, "effects");
    }
  }

  /** Answer {@code 200} {@code {"received": true}}: a notification was taken (a webhook). */
  record Acknowledge(Effects effects) implements Decision {
    public Acknowledge {
      Objects.requireNonNull(effects, "effects");
    }
  }

  /**
   * Answer with a page asking to confirm signing out, whose button posts to {@code action}.
   *
   * @param stayHref where "Stay signed in" leads
   */
  record ConfirmSignOut(String action, String stayHref, Effects effects) implements Decision {
    public ConfirmSignOut {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(stayHref, "stayHref");
      Objects.requireNonNull(effects, "effects");
    }
  }
}
