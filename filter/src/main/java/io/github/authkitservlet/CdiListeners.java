package io.github.authkitservlet;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link AuthKitListener} beans of the application's CDI container, when it has one. Reached by
 * reflection ({@code CDI.current().select(AuthKitListener.class)}) so that CDI stays optional: on
 * Tomcat there is simply none.
 */
final class CdiListeners {

  private static final Logger LOG = Logger.getLogger(CdiListeners.class.getName());
  static final String CDI_CLASS = "jakarta.enterprise.inject.spi.CDI";

  private CdiListeners() {}

  /** The beans, in CDI's order; empty without CDI or when it cannot be asked. */
  static List<AuthKitListener> lookUp() {
    return lookUp(CDI_CLASS);
  }

  /**
   * The same through a class shaped like CDI's (a static {@code current()} whose {@code select(Class,
   * Annotation...)} answers an {@code Iterable}); tests pass a stand-in, since a class named like
   * CDI's on the class path would make other libraries (Yasson) believe CDI is there.
   */
  static List<AuthKitListener> lookUp(String cdiClassName) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Class<?> cdi;
    try {
      cdi = Class.forName(cdiClassName, true, loader != null ? loader : CdiListeners.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return List.of(); // no CDI here
    }
    Object current;
    try {
      current = cdi.getMethod("current").invoke(null);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // CDI's API without a container for this application (CDI.current() throws): no beans.
      LOG.log(Level.FINE, "no CDI container to look AuthKit listeners up in ({0})", causeOf(e));
      return List.of();
    }
    try {
      Method select = cdi.getMethod("select", Class.class, Annotation[].class);
      List<AuthKitListener> beans = new ArrayList<>();
      for (Object bean : (Iterable<?>) select.invoke(current, AuthKitListener.class, new Annotation[0])) {
        beans.add((AuthKitListener) bean);
      }
      return beans;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // A bean that cannot be created: the application's to fix, and no reason to stop serving.
      LOG.log(Level.WARNING, "AuthKit listener beans could not be looked up in CDI ({0}); only the listeners"
          + " named in workos.listeners are used", causeOf(e));
      return List.of();
    }
  }

  private static String causeOf(Throwable e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return cause.getClass().getName();
  }
}
