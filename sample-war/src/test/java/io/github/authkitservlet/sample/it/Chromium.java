package io.github.authkitservlet.sample.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages. Both paths are
 * given explicitly so Selenium Manager never tries to download a browser or a driver. A missing
 * browser fails the test (CI installs it): it is never a skip.
 */
final class Chromium {

  static final Path BROWSER = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

  private Chromium() {}

  static ChromeDriver start(Path userDataDir) {
    assertTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
        "Chromium and ChromeDriver are needed at " + BROWSER + " and " + DRIVER
            + ": apt-get install -y chromium chromium-driver");
    System.setProperty("webdriver.chrome.driver", DRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + userDataDir);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return driver;
  }

  static Path freshProfile() {
    try {
      return Files.createTempDirectory("sample-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static File screenshotDir() {
    File dir = new File(System.getProperty("screenshot.dir", "target/screenshots"));
    dir.mkdirs();
    return dir;
  }
}
