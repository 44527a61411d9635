package io.github.authkitservlet.it;

import io.github.authkitservlet.AuthKitFilter;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/** Hands {@link SharedTestClock} to the filter before it starts (see AuthKitFilter.CLOCK_ATTRIBUTE). */
public final class TestClockInstaller implements ServletContextListener {

  @Override
  public void contextInitialized(ServletContextEvent event) {
    event.getServletContext().setAttribute(AuthKitFilter.CLOCK_ATTRIBUTE, SharedTestClock.INSTANCE);
  }
}
