package io.github.authkitservlet.it;

import io.github.authkitservlet.AuthKitCallbackServlet;
import io.github.authkitservlet.AuthKitFilter;
import io.github.authkitservlet.AuthKitLoginServlet;
import io.github.authkitservlet.AuthKitLogoutServlet;
import io.github.authkitservlet.AuthKitSecurityListener;
import io.github.authkitservlet.AuthKitWebhookServlet;
import io.github.authkitservlet.emulator.AuthKitEmulator;
import io.github.authkitservlet.it.app.WhoAmIServlet;
import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The test web application: the filter jar (this module's compiled classes) in WEB-INF/lib, a
 * servlet that prints the user, and a web.xml like the README's, pointed at the emulator.
 */
final class TestApp {

  static final String CONTEXT = "/authkit-it";
  static final String COOKIE_PASSWORD = "it-cookie-password-0123456789-abcdefghijkl";
  /** The signing secret of the application's WorkOS webhook endpoint ({@code /webhooks/workos}). */
  static final String WEBHOOK_SECRET = "it-webhook-secret-0123456789";

  private TestApp() {}

  static WebArchive war(AuthKitEmulator emulator) {
    return war(emulator, CONTEXT);
  }

  /** The same application under another context path (one per test class sharing the container). */
  static WebArchive war(AuthKitEmulator emulator, String context) {
    return war(emulator, context, context + "/callback");
  }

  /**
   * The same application with {@code workos.redirect-uri} set to {@code redirectUri}: a path
   * (resolved against the request's origin, the default above) or an absolute URL.
   */
  static WebArchive war(AuthKitEmulator emulator, String context, String redirectUri) {
    return war(emulator, context, redirectUri, "");
  }

  /**
   * The same application with extra init-params on the main AuthKit filter, given as
   * {@code <init-param>} elements (e.g. {@code cors-preflight=pass}).
   */
  static WebArchive war(AuthKitEmulator emulator, String context, String redirectUri, String mainFilterInitParams) {
    return war(emulator, context, redirectUri, mainFilterInitParams, "");
  }

  /**
   * The same application with {@code extraWebXml} (context-params, servlets, mappings) added to its
   * web.xml; a test adds the classes it names to the archive.
   */
  static WebArchive war(AuthKitEmulator emulator, String context, String redirectUri, String mainFilterInitParams,
      String extraWebXml) {
    return war(emulator, emulator.clientId(), emulator.apiKey(), context, redirectUri, mainFilterInitParams, extraWebXml);
  }

  /** The same application as another of the emulator's clients (a seed with several). */
  static WebArchive war(AuthKitEmulator emulator, String clientId, String apiKey, String context, String redirectUri,
      String mainFilterInitParams, String extraWebXml) {
    return ShrinkWrap.create(WebArchive.class, context.substring(1) + ".war")
        .addAsLibrary(filterJar())
        .addClass(WhoAmIServlet.class)
        // A static file the default servlet serves: public through the *.css pattern.
        .addAsWebResource(new StringAsset("body { color: black; }\n"), "style.css")
        .setWebXML(new StringAsset(webXml(emulator, clientId, apiKey, redirectUri, mainFilterInitParams)
            .replace("</web-app>", extraWebXml + "\n</web-app>")));
  }

  /**
   * The same application protected by the container instead of the filter: AuthKitSecurityListener
   * registers AuthKit's Jakarta Authentication module, and web.xml security constraints decide:
   * {@code /secure/*} and {@code /api/*} any signed-in caller, {@code /admin/*} role {@code admin},
   * {@code /reports/*} permission {@code reports:read}; {@code /whoami} and {@code /public/*} are
   * unconstrained. API keys are accepted on {@code /api/*}.
   */
  static WebArchive containerSecured(AuthKitEmulator emulator, String context) {
    return ShrinkWrap.create(WebArchive.class, context.substring(1) + ".war")
        .addAsLibrary(filterJar())
        .addClass(WhoAmIServlet.class)
        .setWebXML(new StringAsset(containerSecuredWebXml(emulator, context + "/callback")));
  }

  static String containerSecuredWebXml(AuthKitEmulator emulator, String redirectUri) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
          %s
          <context-param><param-name>authkit.api-paths</param-name><param-value>/api/*</param-value></context-param>
          <context-param><param-name>authkit.bearer</param-name><param-value>access-token api-key</param-value></context-param>

          <listener><listener-class>%s</listener-class></listener>
          <listener><listener-class>%s</listener-class></listener>

          <servlet><servlet-name>login</servlet-name><servlet-class>%s</servlet-class></servlet>
          <servlet><servlet-name>callback</servlet-name><servlet-class>%s</servlet-class></servlet>
          <servlet><servlet-name>logout</servlet-name><servlet-class>%s</servlet-class></servlet>
          <servlet><servlet-name>whoami</servlet-name><servlet-class>%s</servlet-class></servlet>
          <servlet-mapping><servlet-name>login</servlet-name><url-pattern>/login</url-pattern></servlet-mapping>
          <servlet-mapping><servlet-name>callback</servlet-name><url-pattern>/callback</url-pattern></servlet-mapping>
          <servlet-mapping><servlet-name>logout</servlet-name><url-pattern>/logout</url-pattern></servlet-mapping>
          <servlet-mapping><servlet-name>whoami</servlet-name><url-pattern>/whoami</url-pattern></servlet-mapping>
          <servlet-mapping><servlet-name>whoami</servlet-name><url-pattern>/secure/*</url-pattern></servlet-mapping>
          <servlet-mapping><servlet-name>whoami</servlet-name><url-pattern>/api/*</url-pattern></servlet-mapping>
          <servlet-mapping><servlet-name>whoami</servlet-name><url-pattern>/admin/*</url-pattern></servlet-mapping>
          <servlet-mapping><servlet-name>whoami</servlet-name><url-pattern>/reports/*</url-pattern></servlet-mapping>
          <servlet-mapping><servlet-name>whoami</servlet-name><url-pattern>/public/*</url-pattern></servlet-mapping>

          <security-constraint>
            <web-resource-collection><web-resource-name>signed in</web-resource-name>
              <url-pattern>/secure/*</url-pattern><url-pattern>/api/*</url-pattern></web-resource-collection>
            <auth-constraint><role-name>**</role-name></auth-constraint>
          </security-constraint>
          <security-constraint>
            <web-resource-collection><web-resource-name>admins</web-resource-name><url-pattern>/admin/*</url-pattern></web-resource-collection>
            <auth-constraint><role-name>admin</role-name></auth-constraint>
          </security-constraint>
          <security-constraint>
            <web-resource-collection><web-resource-name>reports</web-resource-name><url-pattern>/reports/*</url-pattern></web-resource-collection>
            <auth-constraint><role-name>permission:reports:read</role-name></auth-constraint>
          </security-constraint>
          <security-role><role-name>admin</role-name></security-role>
          <security-role><role-name>permission:reports:read</role-name></security-role>
        </web-app>
        """.formatted(
            settings(emulator, redirectUri),
            TestClockInstaller.class.getName(),
            AuthKitSecurityListener.class.getName(),
            AuthKitLoginServlet.class.getName(),
            AuthKitCallbackServlet.class.getName(),
            AuthKitLogoutServlet.class.getName(),
            WhoAmIServlet.class.getName());
  }

  /** The workos.* context-params that point an application at the emulator. */
  static String settings(AuthKitEmulator emulator, String redirectUri) {
    return settings(emulator, emulator.clientId(), emulator.apiKey(), redirectUri);
  }

  /** The same for another of the emulator's clients. */
  static String settings(AuthKitEmulator emulator, String clientId, String apiKey, String redirectUri) {
    return """
        <context-param><param-name>workos.api-key</param-name><param-value>%s</param-value></context-param>
          <context-param><param-name>workos.client-id</param-name><param-value>%s</param-value></context-param>
          <context-param><param-name>workos.redirect-uri</param-name><param-value>%s</param-value></context-param>
          <context-param><param-name>workos.cookie-password</param-name><param-value>%s</param-value></context-param>
          <context-param><param-name>workos.api-hostname</param-name><param-value>localhost</param-value></context-param>
          <context-param><param-name>workos.api-port</param-name><param-value>%d</param-value></context-param>
          <context-param><param-name>workos.api-https</param-name><param-value>false</param-value></context-param>
          <context-param><param-name>workos.http-read-timeout</param-name><param-value>2000</param-value></context-param>
        <context-param><param-name>workos.webhook-secret</param-name><param-value>%s</param-value></context-param>
        """.formatted(apiKey, clientId, redirectUri, COOKIE_PASSWORD, emulator.port(), WEBHOOK_SECRET);
  }

  private static JavaArchive filterJar() {
    return ShrinkWrap.create(ExplodedImporter.class, "authkit-servlet-filter.jar")
        .importDirectory(new File("target/classes"))
        .as(JavaArchive.class);
  }

  static String webXml(AuthKitEmulator emulator, String clientId, String apiKey, String redirectUri,
      String mainFilterInitParams) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
          %s

          <listener><listener-class>%s</listener-class></listener>

          <filter>
            <filter-name>AuthKit</filter-name>
            <filter-class>%s</filter-class>
            <init-param><param-name>public-paths</param-name><param-value>/public/*, /favicon.ico, *.css</param-value></init-param>
            <init-param><param-name>api-paths</param-name><param-value>/api/*</param-value></init-param>
            %8$s
          </filter>
          <filter>
            <filter-name>AuthKitAdmins</filter-name>
            <filter-class>%3$s</filter-class>
            <init-param><param-name>roles-allowed</param-name><param-value>admin</param-value></init-param>
          </filter>
          <filter>
            <filter-name>AuthKitReports</filter-name>
            <filter-class>%3$s</filter-class>
            <init-param><param-name>permissions-required</param-name><param-value>reports:read</param-value></init-param>
            <init-param><param-name>api-paths</param-name><param-value>/reports/api/*</param-value></init-param>
          </filter>
          <filter-mapping><filter-name>AuthKit</filter-name><url-pattern>/*</url-pattern></filter-mapping>
          <filter-mapping><filter-name>AuthKitAdmins</filter-name><url-pattern>/admin/*</url-pattern></filter-mapping>
          <filter-mapping><filter-name>AuthKitReports</filter-name><url-pattern>/reports/*</url-pattern></filter-mapping>

          <servlet><servlet-name>login</servlet-name><servlet-class>%s</servlet-class></servlet>
          <servlet>
            <servlet-name>signup</servlet-name><servlet-class>%4$s</servlet-class>
            <init-param><param-name>screen-hint</param-name><param-value>sign-up</param-value></init-param>
          </servlet>
          <servlet><servlet-name>callback</servlet-name><servlet-class>%s</servlet-class></servlet>
          <servlet><servlet-name>logout</servlet-name><servlet-class>%s</servlet-class></servlet>
          <servlet><servlet-name>whoami</servlet-name><servlet-class>%s</servlet-class></servlet>
          <servlet-mapping><servlet-name>login</servlet-name><url-pattern>/login</url-pattern></servlet-mapping>
          <servlet-mapping><servlet-name>signup</servlet-name><url-pattern>/signup</url-pattern></servlet-mapping>
          <servlet-mapping><servlet-name>callback</servlet-name><url-pattern>/callback</url-pattern></servlet-mapping>
          <servlet-mapping><servlet-name>logout</servlet-name><url-pattern>/logout</url-pattern></servlet-mapping>
          <servlet-mapping><servlet-name>whoami</servlet-name><url-pattern>/whoami</url-pattern></servlet-mapping>
          <servlet-mapping><servlet-name>whoami</servlet-name><url-pattern>/api/*</url-pattern></servlet-mapping>
          <servlet-mapping><servlet-name>whoami</servlet-name><url-pattern>/admin/*</url-pattern></servlet-mapping>
          <servlet-mapping><servlet-name>whoami</servlet-name><url-pattern>/reports/*</url-pattern></servlet-mapping>
          <servlet-mapping><servlet-name>whoami</servlet-name><url-pattern>/public/*</url-pattern></servlet-mapping>
          <servlet><servlet-name>webhooks</servlet-name><servlet-class>%9$s</servlet-class></servlet>
          <servlet-mapping><servlet-name>webhooks</servlet-name><url-pattern>/webhooks/workos</url-pattern></servlet-mapping>
        </web-app>
        """.formatted(
            settings(emulator, clientId, apiKey, redirectUri),
            TestClockInstaller.class.getName(),
            AuthKitFilter.class.getName(),
            AuthKitLoginServlet.class.getName(),
            AuthKitCallbackServlet.class.getName(),
            AuthKitLogoutServlet.class.getName(),
            WhoAmIServlet.class.getName(),
            mainFilterInitParams,
            AuthKitWebhookServlet.class.getName());
  }
}
