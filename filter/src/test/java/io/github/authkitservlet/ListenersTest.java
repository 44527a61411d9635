package io.github.authkitservlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The listeners named in {@code workos.listeners} and the CDI beans: what is used, in what order,
 * and what stops start-up. CDI is a stand-in here ({@link StandInCdi}), reached by the same
 * reflection as the real one; on Payara the sample meets the real one.
 */
class ListenersTest {

  public static class Audit implements AuthKitListener {}

  public static class Welcome implements AuthKitListener {}

  /** Plays a CDI client proxy, which is a subclass of the bean's class. */
  public static class AuditProxy extends Audit {}

  public static class NotAListener {}

  public static class NoPublicConstructor implements AuthKitListener {
    private NoPublicConstructor() {}
  }

  public static class Broken implements AuthKitListener {
    public Broken() {
      throw new IllegalStateException("no database");
    }
  }

  static final ClassLoader LOADER = ListenersTest.class.getClassLoader();

  @AfterEach
  void noCdi() {
    StandInCdi.install(null);
  }

  static String name(Class<?> type) {
    return type.getName();
  }

  static Listeners load(List<String> classNames) {
    return Listeners.load(classNames, LOADER, () -> CdiListeners.lookUp(StandInCdi.class.getName()));
  }

  @Test
  void withoutCdiTheNamedListenersInTheirOrder() {
    Listeners listeners = load(List.of(name(Welcome.class), name(Audit.class)));
    assertEquals(List.of(Welcome.class, Audit.class), listeners.all().stream().map(Object::getClass).toList());
    assertSame(listeners.all(), listeners.all(), "looked up once");
  }

  @Test
  void aBeanOfANamedClassTakesItsPlaceAndOtherBeansFollow() {
    AuthKitListener bean = new AuditProxy();
    AuthKitListener other = new Welcome();
    StandInCdi.install(List.of(other, bean, "not a listener"));
    Listeners listeners = load(List.of(name(Audit.class)));
    assertEquals(List.of(bean, other), listeners.all());
  }

  @Test
  void withoutACdiApiThereAreNoBeans() {
    assertEquals(List.of(), CdiListeners.lookUp("jakarta.enterprise.inject.spi.CDI"), "not on this class path");
  }

  @Test
  void beansAloneNeedNoSetting() {
    AuthKitListener bean = new Welcome();
    StandInCdi.install(List.of(bean));
    assertEquals(List.of(bean), load(List.of()).all());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "com.example.Missing, is not on the application's class path",
      "io.github.authkitservlet.ListenersTest$NotAListener, does not implement io.github.authkitservlet.AuthKitListener",
      "io.github.authkitservlet.ListenersTest$NoPublicConstructor, needs to be public with a public constructor without arguments",
      "io.github.authkitservlet.ListenersTest$Broken, could not be created (java.lang.IllegalStateException)",
  })
  void aListenerThatCannotBeUsedStopsStartUpNamingTheSetting(String className, String problem) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> load(List.of(className)));
    assertEquals("workos.listeners (env WORKOS_LISTENERS): class '" + className + "' " + problem, e.getMessage());
  }
}
