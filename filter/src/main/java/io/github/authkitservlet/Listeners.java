package io.github.authkitservlet;

import io.github.authkitservlet.internal.config.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The application's {@link AuthKitListener}s: the classes named in {@code workos.listeners},
 * instantiated at start-up (a wrong name stops the application), and the CDI beans, looked up on
 * first use (when the application's CDI container is surely up). A listed class that is also a bean
 * is used once, as the bean, in its listed place.
 */
final class Listeners {

  private final List<AuthKitListener> configured;
  private final Supplier<List<AuthKitListener>> beans;
  private volatile List<AuthKitListener> all;

  private Listeners(List<AuthKitListener> configured, Supplier<List<AuthKitListener>> beans) {
    this.configured = configured;
    this.beans = beans;
  }

  /**
   * Instantiates the named classes with the application's class loader; the beans come from CDI.
   *
   * @throws IllegalArgumentException naming the setting and the class that cannot be used
   */
  static Listeners load(List<String> classNames, ClassLoader loader) {
    return load(classNames, loader, CdiListeners::lookUp);
  }

  /** The same with the beans from elsewhere (tests). */
  static Listeners load(List<String> classNames, ClassLoader loader, Supplier<List<AuthKitListener>> beans) {
    List<AuthKitListener> configured = new ArrayList<>();
    for (String name : classNames) {
      configured.add(instantiate(name, loader));
    }
    return new Listeners(List.copyOf(configured), beans);
  }

  /** Every listener, in calling order. */
  List<AuthKitListener> all() {
    List<AuthKitListener> known = all;
    if (known == null) {
      synchronized (this) {
        if (all == null) {
          all = merged(configured, beans.get());
        }
        known = all;
      }
    }
    return known;
  }

  private static List<AuthKitListener> merged(List<AuthKitListener> configured, List<AuthKitListener> beans) {
    List<AuthKitListener> unclaimed = new ArrayList<>(beans);
    List<AuthKitListener> merged = new ArrayList<>();
    for (AuthKitListener listener : configured) {
      // A bean of a listed class (a CDI proxy is a subclass) takes the listed one's place.
      AuthKitListener bean = unclaimed.stream().filter(listener.getClass()::isInstance).findFirst().orElse(null);
      merged.add(bean != null ? bean : listener);
      unclaimed.remove(bean);
    }
    merged.addAll(unclaimed);
    return List.copyOf(merged);
  }

  private static AuthKitListener instantiate(String name, ClassLoader loader) {
    String problem;
    try {
      Class<?> type = Class.forName(name, true, loader);
      if (AuthKitListener.class.isAssignableFrom(type)) {
        return (AuthKitListener) type.getConstructor().newInstance();
      }
      problem = "does not implement " + AuthKitListener.class.getName();
    } catch (ClassNotFoundException e) {
      problem = "is not on the application's class path";
    } catch (NoSuchMethodException | IllegalAccessException e) {
      problem = "needs to be public with a public constructor without arguments";
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      problem = "could not be created (" + cause.getClass().getName() + ")";
    }
    throw new IllegalArgumentException(Setting.LISTENERS.describe() + ": class '" + name + "' " + problem);
  }
}
