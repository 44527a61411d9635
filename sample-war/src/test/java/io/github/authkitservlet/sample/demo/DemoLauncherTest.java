package io.github.authkitservlet.sample.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoLauncherTest {

  private static final List<String> DEMO_OPTIONS = List.of(
      "-Dworkos.api-key=sk_test_default",
      "-Dworkos.client-id=client_emulate",
      "-Dworkos.cookie-password=sample-demo-cookie-password-for-the-emulator-only",
      "-Dworkos.api-port=4100");

  @Test
  void bannerShowsTheUrlTheUsersAndTheDemoSettingsButNotTheCookiePassword() {
    try (AuthKitEmulator emulator = AuthKitEmulator.builder().port(0).start()) {
      String banner = DemoLauncher.banner("Tomcat", URI.create("http://localhost:8080/"), emulator,
          DEMO_OPTIONS, true);

      assertTrue(banner.contains("AuthKit example is running on Tomcat: http://localhost:8080/"), banner);
      assertTrue(banner.contains("EMULATOR at " + emulator.baseUrl()), banner);
      assertTrue(banner.contains("ada@example.com") && banner.contains("grace@example.com"), banner);
      assertTrue(banner.contains("linus@example.com") && banner.contains("/organizations"), banner);
      assertTrue(banner.contains(emulator.baseUrl() + "/_emulate/impersonations"), banner);
      assertTrue(banner.contains("password authkit-demo"), banner);
      assertTrue(banner.contains("workos.api-key = sk_test_default"), banner);
      assertTrue(banner.contains("workos.cookie-password = (a demo value, 49 characters)"), banner);
      assertFalse(banner.contains("sample-demo-cookie-password"), "the cookie password value is never printed");
    }
  }

  @Test
  void bannerWithoutEmulatorNamesNoDemoValues() {
    String banner = DemoLauncher.banner("Payara Micro", URI.create("http://localhost:8080/"), null, List.of(),
        false);

    assertTrue(banner.contains("did not answer at http://localhost:8080/"), banner);
    assertTrue(banner.contains("settings from your WORKOS_* environment variables"), banner);
    assertFalse(banner.contains("sk_test_default") || banner.contains("authkit-demo"), banner);
  }
}
