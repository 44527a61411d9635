package io.github.authkitservlet;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

/**
 * Shaped like CDI's {@code CDI} class where AuthKit reaches it by reflection ({@code current()},
 * {@code select(Class, Annotation...)}), so that the lookup of listener beans is tested without a
 * CDI container. Like the real one without a container, {@link #current()} throws until a test
 * installs beans.
 */
public final class StandInCdi {

  private static volatile List<Object> installed;

  private final List<Object> beans;

  private StandInCdi(List<Object> beans) {
    this.beans = beans;
  }

  /** Makes {@link #current()} answer with these beans; null: no container again. */
  static void install(List<Object> beans) {
    installed = beans == null ? null : List.copyOf(beans);
  }

  public static StandInCdi current() {
    List<Object> beans = installed;
    if (beans == null) {
      throw new IllegalStateException("Unable to locate CDIProvider");
    }
    return new StandInCdi(beans);
  }

  /** The beans of {@code type}; qualifiers are not modelled. */
  public Iterable<Object> select(Class<?> type, Annotation... qualifiers) {
    List<Object> matching = new ArrayList<>();
    for (Object bean : beans) {
      if (type.isInstance(bean)) {
        matching.add(bean);
      }
    }
    return matching;
  }
}
