package io.github.authkitservlet.internal.core;

import java.util.Objects;

/**
 * One cookie a response sets or deletes. The attributes (Path, Domain, Secure, SameSite, Max-Age)
 * are the adapter's business: it writes every AuthKit cookie the same way.
 *
 * <p>Internal API of authkit-servlet.
 */
public sealed interface CookieChange {

  /** Sets the session cookie to a sealed value (checked to fit in a browser: {@link CookieSize}). */
  record SetSession(String sealedValue) implements CookieChange {
    public SetSession {
      Objects.requireNonNull(sealedValue, "sealedValue");
    }

    /** Hides the value: a decision may be logged. */
    @Override
    public String toString() {
      return "SetSession[<sealed>]";
    }
  }

  /** Deletes the session cookie. */
  record ClearSession() implements CookieChange {}

  /** Sets a sign-in flow cookie. */
  record SetFlow(String name, String sealedValue) implements CookieChange {
    public SetFlow {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sealedValue, "sealedValue");
    }

    @Override
    public String toString() {
      return "SetFlow[" + name + ", <sealed>]";
    }
  }

  /** Deletes a sign-in flow cookie. */
  record ClearFlow(String name) implements CookieChange {
    public ClearFlow {
      Objects.requireNonNull(name, "name");
    }
  }
}
