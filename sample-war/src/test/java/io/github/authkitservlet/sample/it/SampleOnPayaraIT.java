package io.github.authkitservlet.sample.it;

import io.github.authkitservlet.emulator.AuthKitEmulator;
import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sample WAR on Payara Micro 6, which Arquillian starts in its own JVM from target/payara-micro.jar.
 * Payara reports the machine's own address as the deployment URL: the tests talk to localhost.
 */
@ExtendWith(ArquillianExtension.class)
class SampleOnPayaraIT extends SampleFlowsContract {

  // Started before Arquillian deploys: the deployment's web.xml needs its port.
  private static final AuthKitEmulator WORKOS = AuthKitEmulator.builder()
      .port(0)
      .accessTokenLifetime(SampleFlowsContract.ACCESS_TOKEN_LIFETIME)
      .start();

  @ArquillianResource
  private URL deployment;

  @Deployment(testable = false)
  static WebArchive sample() {
    return SampleWar.pointedAt(WORKOS);
  }

  @AfterAll
  static void stopEmulator() {
    WORKOS.close();
  }

  @Override
  AuthKitEmulator workos() {
    return WORKOS;
  }

  @Override
  URI app() {
    return SampleWar.onLocalhost(deployment);
  }

  /** Payara has CDI, and the sample's WEB-INF/beans.xml makes the listener a bean: AuthKit uses the bean. */
  @Override
  String listenerCreatedBy() {
    return "a CDI bean";
  }
}
