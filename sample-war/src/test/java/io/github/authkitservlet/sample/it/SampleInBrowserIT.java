package io.github.authkitservlet.sample.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end in a real browser: headless Chromium signs in on the emulator's hosted page against the
 * deployed sample. Runs in both failsafe executions, so on embedded Tomcat and on Payara Micro. A
 * failing test leaves a screenshot in target/screenshots/.
 */
@ExtendWith(ArquillianExtension.class)
@ExtendWith(SampleInBrowserIT.ScreenshotOnFailure.class)
class SampleInBrowserIT {

  private static final AuthKitEmulator WORKOS = AuthKitEmulator.builder().port(0).start();

  @ArquillianResource
  private URL deployment;

  private Path profile;
  private ChromeDriver browser;
  private WebDriverWait wait;

  @Deployment(testable = false)
  static WebArchive sample() {
    return SampleWar.pointedAt(WORKOS);
  }

  @AfterAll
  static void stopEmulator() {
    WORKOS.close();
  }

  @BeforeEach
  void startBrowser() {
    WORKOS.reset();
    profile = Chromium.freshProfile();
    browser = Chromium.start(profile);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  @AfterEach
  void stopBrowser() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private String app(String relative) {
    return SampleWar.onLocalhost(deployment).resolve(relative).toString();
  }

  private String textOf(String id) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id))).getText();
  }

  private void signInOnTheEmulator(String email) {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys(email);
    browser.findElement(By.id("password")).sendKeys(SampleFlowsContract.PASSWORD);
    browser.findElement(By.id("sign-in")).click();
    if (!browser.findElements(By.name("organization_id")).isEmpty()) {
      browser.findElements(By.name("organization_id")).get(0).click();
      browser.findElement(By.id("continue")).click();
    }
  }

  @Test
  void adaSignsInIsKeptOutOfAdminAndSignsOut() {
    browser.get(app(""));
    assertEquals("You are signed out.", textOf("who"));

    browser.findElement(By.id("sign-in-link")).click();
    wait.until(ExpectedConditions.urlContains(":" + WORKOS.port() + "/user_management/authorize"));
    signInOnTheEmulator("ada@example.com");

    wait.until(ExpectedConditions.urlToBe(app("dashboard")));
    assertEquals("Ada Lovelace", textOf("user-name"));
    assertEquals("ada@example.com", textOf("email"));
    assertEquals("member", textOf("role"));

    browser.get(app("admin"));
    assertTrue(browser.getTitle().startsWith("403"), "Ada is not an admin: " + browser.getTitle());
    assertTrue(browser.findElements(By.id("admin-welcome")).isEmpty(), "no admin content for Ada");

    browser.get(app("app.html"));
    wait.until(ExpectedConditions.textToBe(By.id("status"), "Signed in as Ada Lovelace (ada@example.com)."));

    browser.get(app(""));
    assertEquals("Signed in as Ada Lovelace (ada@example.com)", textOf("who"));
    browser.findElement(By.id("sign-out-link")).click();
    wait.until(ExpectedConditions.urlToBe(app("")));
    assertEquals("You are signed out.", textOf("who"));

    browser.get(app("app.html"));
    wait.until(ExpectedConditions.textToBe(By.id("status"), "You are signed out (the API answered 401)."));
  }

  @Test
  void graceReachesAdmin() {
    browser.get(app("admin"));
    signInOnTheEmulator("grace@example.com");

    wait.until(ExpectedConditions.urlToBe(app("admin")));
    assertTrue(textOf("admin-welcome").startsWith("Only admins see this page. You are Grace Hopper"),
        textOf("admin-welcome"));
    assertEquals("admin", textOf("role"));
  }

  @Test
  void linusSwitchesToTheOrganizationHeAdministers() {
    browser.get(app("organizations"));
    signInOnTheEmulator("linus@example.com");

    wait.until(ExpectedConditions.urlToBe(app("organizations")));
    assertEquals("member", textOf("role"));
    browser.findElement(By.xpath("//li[span[@class='name' and text()='Analytical Engines']]//button")).click();

    wait.until(ExpectedConditions.textToBe(By.id("role"), "admin"));
    assertEquals(1, browser.findElements(By.xpath(
        "//li[span[@class='name' and text()='Analytical Engines']]//*[@class='current']")).size());
    browser.get(app("admin"));
    assertTrue(textOf("admin-welcome").startsWith("Only admins see this page. You are Linus Torvalds"),
        textOf("admin-welcome"));
  }

  /** Saves a screenshot of the browser when a test fails, before the browser is closed. */
  static final class ScreenshotOnFailure implements TestExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
      Object test = context.getRequiredTestInstance();
      if (test instanceof SampleInBrowserIT it && it.browser != null) {
        try {
          Path shot = it.browser.getScreenshotAs(OutputType.FILE).toPath();
          Path target = Chromium.screenshotDir().toPath()
              .resolve(context.getRequiredTestMethod().getName() + ".png");
          Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
          failure.addSuppressed(new AssertionError("screenshot: " + target.toAbsolutePath()
              + " (page " + it.browser.getCurrentUrl() + ")"));
        } catch (RuntimeException | IOException e) {
          failure.addSuppressed(e);
        }
      }
      throw failure;
    }
  }
}
