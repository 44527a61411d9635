package io.github.authkitservlet.sample.signins;

import io.github.authkitservlet.AuthKitListener;
import jakarta.annotation.PostConstruct;
import java.time.Clock;

/**
 * Records every sign-in in {@link SignIns}: when, how, into which organization, and what the
 * sign-in link carried in its {@code state} (the header's "Sign in" link says {@code header}).
 *
 * <p>AuthKit creates it from {@code workos.listeners}; where CDI is present, CDI does, and calls
 * {@link #createdByCdi()}, so the dashboard can say which it was.
 */
public class SignInRecorder implements AuthKitListener {

  private final Clock clock = Clock.systemUTC();
  private volatile boolean createdByCdi;

  /** CDI calls this after creating the bean; AuthKit's own instances are made with {@code new}. */
  @PostConstruct
  void createdByCdi() {
    createdByCdi = true;
  }

  @Override
  public void signedIn(SignIn signIn) {
    SignIns.record(signIn.user().getId(), new SignIns.Recorded(clock.instant(), signIn.authenticationMethod(),
        signIn.organizationId(), signIn.state(), createdByCdi ? "a CDI bean" : "AuthKit, from workos.listeners"));
  }
}
