package io.github.authkitservlet.benchmarks.load;

import io.github.authkitservlet.AuthKitCallbackServlet;
import io.github.authkitservlet.AuthKitFilter;
import io.github.authkitservlet.AuthKitLoginServlet;
import io.github.authkitservlet.AuthKitLogoutServlet;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.authenticator.FormAuthenticator;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;

/**
 * One embedded Tomcat on 127.0.0.1 serving the same {@link PageServlet} at {@code /page} in three
 * contexts, so the only difference between them is the protection (the connector speaks HTTP/1.1,
 * and also h2c when asked):
 * <ul>
 *   <li>{@code /a}: unprotected;
 *   <li>{@code /b}: {@link AuthKitFilter} on {@code /*} with the login, callback and logout servlets;
 *   <li>{@code /c}: Tomcat's own FORM authentication with an HttpSession and an in-memory realm.
 * </ul>
 */
final class ThreeContexts implements AutoCloseable {

  static final String PAGE = "/page";

  private final Tomcat tomcat;
  private final File baseDir;

  private ThreeContexts(Tomcat tomcat, File baseDir) {
    this.tomcat = tomcat;
    this.baseDir = baseDir;
  }

  /**
   * Starts Tomcat on a free loopback port; {@code authkitSettings} are context-params of {@code /b}.
   * With {@code h2c} the connector also takes HTTP/2 without TLS (Tomcat's {@link Http2Protocol}):
   * by prior knowledge (a connection that starts with the HTTP/2 preface) or by upgrade.
   */
  static ThreeContexts start(Map<String, String> authkitSettings, boolean h2c) throws IOException, LifecycleException {
    File baseDir = Files.createTempDirectory("authkit-load-").toFile();
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.getAbsolutePath());
    Connector connector = new Connector("HTTP/1.1");
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    // wrk keeps its connections: do not make it reconnect every 100 requests (the default).
    connector.setProperty("maxKeepAliveRequests", "-1");
    if (h2c) {
      connector.addUpgradeProtocol(new Http2Protocol());
    }
    tomcat.setConnector(connector);

    Context unprotected = context(tomcat, baseDir, "/a");

    Context authkit = context(tomcat, baseDir, "/b");
    authkitSettings.forEach(authkit::addParameter);
    FilterDef filter = new FilterDef();
    filter.setFilterName("AuthKit");
    filter.setFilterClass(AuthKitFilter.class.getName());
    authkit.addFilterDef(filter);
    FilterMap everything = new FilterMap();
    everything.setFilterName("AuthKit");
    everything.addURLPattern("/*");
    authkit.addFilterMap(everything);
    servlet(authkit, "login", AuthKitLoginServlet.class.getName(), "/login");
    servlet(authkit, "callback", AuthKitCallbackServlet.class.getName(), "/callback");
    servlet(authkit, "logout", AuthKitLogoutServlet.class.getName(), "/logout");

    Context form = context(tomcat, baseDir, "/c");
    Tomcat.addServlet(form, "login-pages", new FormLoginPages());
    form.addServletMappingDecoded("/login.html", "login-pages", false);
    form.addServletMappingDecoded("/error.html", "login-pages", false);
    form.setLoginConfig(new LoginConfig("FORM", "bench", "/login.html", "/error.html"));
    // Tomcat.addContext skips ContextConfig, which would add the authenticator valve for us.
    form.getPipeline().addValve(new FormAuthenticator());
    form.setRealm(new InMemoryRealm());
    form.addSecurityRole(InMemoryRealm.ROLE);
    SecurityConstraint constraint = new SecurityConstraint();
    constraint.addAuthRole(InMemoryRealm.ROLE);
    SecurityCollection pages = new SecurityCollection();
    pages.addPattern(PAGE);
    constraint.addCollection(pages);
    form.addConstraint(constraint);

    tomcat.start();
    if (unprotected.getState().isAvailable() && authkit.getState().isAvailable() && form.getState().isAvailable()) {
      return new ThreeContexts(tomcat, baseDir);
    }
    tomcat.stop();
    tomcat.destroy();
    throw new IllegalStateException("a context failed to start (see the log above)");
  }

  /** {@code http://127.0.0.1:<port>}. */
  String origin() {
    return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
  }

  @Override
  public void close() throws LifecycleException {
    tomcat.stop();
    tomcat.destroy();
    deleteRecursively(baseDir);
  }

  private static Context context(Tomcat tomcat, File baseDir, String path) {
    File docBase = new File(baseDir, "docs" + path);
    if (!docBase.mkdirs() && !docBase.isDirectory()) {
      throw new IllegalStateException("cannot create " + docBase);
    }
    Context context = tomcat.addContext(path, docBase.getAbsolutePath());
    Tomcat.addServlet(context, "page", new PageServlet());
    context.addServletMappingDecoded(PAGE, "page", false);
    return context;
  }

  private static void servlet(Context context, String name, String className, String mapping) {
    Tomcat.addServlet(context, name, className);
    context.addServletMappingDecoded(mapping, name, false);
  }

  private static void deleteRecursively(File file) {
    File[] children = file.listFiles();
    if (children != null) {
      for (File child : children) {
        deleteRecursively(child);
      }
    }
    if (!file.delete() && file.exists()) {
      file.deleteOnExit();
    }
  }
}
