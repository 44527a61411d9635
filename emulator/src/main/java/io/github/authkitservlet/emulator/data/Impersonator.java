package io.github.authkitservlet.emulator.data;

/** Who is impersonating a user (seeded on the user, so every sign-in of that user is impersonated). */
public record Impersonator(String email, String reason) { }
