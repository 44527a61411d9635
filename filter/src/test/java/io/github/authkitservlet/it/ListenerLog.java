package io.github.authkitservlet.it;

import java.util.ArrayList;
import java.util.List;

/**
 * What the deployed application's listeners heard. Deliberately not packaged in the test WAR: the
 * application loads it from the test's class path, so the test and the application share this one
 * list. Only JDK types cross the class loaders. Test code only.
 */
public final class ListenerLog {

  private static final List<String> LINES = new ArrayList<>();

  private ListenerLog() {}

  public static synchronized void add(String line) {
    LINES.add(line);
  }

  public static synchronized List<String> lines() {
    return List.copyOf(LINES);
  }

  public static synchronized void clear() {
    LINES.clear();
  }
}
