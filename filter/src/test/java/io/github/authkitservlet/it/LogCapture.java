package io.github.authkitservlet.it;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Collects every java.util.logging line written in this JVM (the embedded Tomcat and the filter
 * included), so a test can check that no secret ever reached a log.
 */
final class LogCapture extends Handler {

  private final SimpleFormatter formatter = new SimpleFormatter();
  private final List<String> lines = new ArrayList<>();

  static LogCapture install() {
    LogCapture capture = new LogCapture();
    capture.setLevel(Level.ALL);
    Logger.getLogger("").addHandler(capture);
    // Our library logs some decisions at FINE: capture those too.
    Logger.getLogger("io.github.authkitservlet").setLevel(Level.FINE);
    return capture;
  }

  void uninstall() {
    Logger.getLogger("").removeHandler(this);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    lines.add(formatter.format(record));
  }

  synchronized List<String> linesContainingAny(List<String> secrets) {
    List<String> leaks = new ArrayList<>();
    for (String line : lines) {
      for (String secret : secrets) {
        if (!secret.isEmpty() && line.contains(secret)) {
          leaks.add(line);
        }
      }
    }
    return leaks;
  }

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  synchronized void clear() {
    lines.clear();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
