package io.github.authkitservlet.sample.it;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The built sample WAR (target/authkit-servlet-sample.war, exactly what users deploy), pointed at a
 * test's emulator. The only change is a few {@code workos.*} context-params added to its web.xml:
 * that works on every container, including Payara Micro in its own JVM.
 */
final class SampleWar {

  /** Deployed as sample.war, so the application lives under /sample (a non-root context on purpose). */
  static final String CONTEXT_PATH = "/sample";
  static final String COOKIE_PASSWORD = "sample-tests-cookie-password-0123456789abcdef";

  private SampleWar() {}

  static WebArchive pointedAt(AuthKitEmulator emulator) {
    Path war = Path.of(System.getProperty("sample.war", "target/authkit-servlet-sample.war"));
    if (!Files.isRegularFile(war)) {
      throw new IllegalStateException(war + " is missing: run the tests with mvn verify, which packages it first");
    }
    WebArchive archive = ShrinkWrap.create(ZipImporter.class, CONTEXT_PATH.substring(1) + ".war")
        .importFrom(war.toFile())
        .as(WebArchive.class);
    String webXml = read(archive, "WEB-INF/web.xml");
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("workos.api-key", emulator.apiKey());
    settings.put("workos.client-id", emulator.clientId());
    // A path: resolved against the origin each request came in on (localhost:<random port>).
    settings.put("workos.redirect-uri", CONTEXT_PATH + "/callback");
    settings.put("workos.cookie-password", COOKIE_PASSWORD);
    settings.put("workos.api-hostname", emulator.host());
    settings.put("workos.api-port", Integer.toString(emulator.port()));
    settings.put("workos.api-https", "false");
    archive.delete("WEB-INF/web.xml");
    archive.setWebXML(new StringAsset(withContextParams(webXml, settings)));
    return archive;
  }

  /** Rewrites the host of a deployment URL to localhost: Payara Micro reports the machine's address. */
  static URI onLocalhost(URL deployment) {
    URI uri = URI.create(deployment.toString());
    String path = uri.getPath().endsWith("/") ? uri.getPath() : uri.getPath() + "/";
    return URI.create("http://localhost:" + uri.getPort() + path);
  }

  private static String withContextParams(String webXml, Map<String, String> settings) {
    String anchor = "<display-name>";
    int at = webXml.indexOf(anchor);
    if (at < 0) {
      throw new IllegalStateException("the sample's web.xml has no " + anchor + " to add context-params before");
    }
    StringBuilder params = new StringBuilder();
    settings.forEach((name, value) -> params.append("  <context-param><param-name>").append(name)
        .append("</param-name><param-value>").append(value).append("</param-value></context-param>\n"));
    return webXml.substring(0, at) + params + "  " + webXml.substring(at);
  }

  private static String read(WebArchive archive, String path) {
    try (InputStream in = archive.get(path).getAsset().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
