package io.github.authkitservlet.emulator;

import com.workos.WorkOS;
import org.junit.jupiter.api.BeforeEach;

/**
 * For test classes that talk to their emulator both ways: through WorkOS's Java SDK, configured
 * as an application configures it, and over plain HTTP. The subclass registers the
 * {@link AuthKitEmulatorExtension}.
 */
abstract class EmulatorClients {

  AuthKitEmulator emulator;
  WorkOS workos;
  EmulatorHttp http;

  @BeforeEach
  void connect(AuthKitEmulator emulator) {
    this.emulator = emulator;
    this.workos = sdk(emulator);
    this.http = new EmulatorHttp(emulator);
  }

  static WorkOS sdk(AuthKitEmulator emulator) {
    return new WorkOS(emulator.apiKey(), emulator.clientId(), emulator.baseUrl());
  }
}
