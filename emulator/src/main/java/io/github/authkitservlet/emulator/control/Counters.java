package io.github.authkitservlet.emulator.control;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters that tests read to prove what happened on the wire, e.g. that a refresh
 * happened exactly once ({@code grant.refresh_token}) or that the JWKS was cached ({@code jwks}).
 */
public final class Counters {

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  public void increment(String name) {
    counts.computeIfAbsent(name, n -> new LongAdder()).increment();
  }

  public long get(String name) {
    LongAdder adder = counts.get(name);
    return adder == null ? 0 : adder.sum();
  }

  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  public void reset() {
    counts.clear();
  }
}
