/**
 * An offline emulator of WorkOS's AuthKit API for tests and local development.
 *
 * <p>The public API is {@link io.github.authkitservlet.emulator.AuthKitEmulator} (in-JVM),
 * {@link io.github.authkitservlet.emulator.AuthKitEmulatorExtension} (JUnit 5) and
 * {@link io.github.authkitservlet.emulator.Main} (standalone). The sub-packages are its parts and
 * are not an API: their types are public only so the parts can be wired together.
 */
package io.github.authkitservlet.emulator;
