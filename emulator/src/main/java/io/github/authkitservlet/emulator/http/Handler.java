package io.github.authkitservlet.emulator.http;

/** Answers one route. Throw {@link ApiException} for a WorkOS-shaped error. */
@FunctionalInterface
public interface Handler {
  Response handle(Request request);
}
