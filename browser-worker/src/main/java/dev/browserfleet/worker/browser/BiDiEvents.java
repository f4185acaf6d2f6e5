package dev.browserfleet.worker.browser;

import java.util.Map;

/** The order of the network events of a WebDriver BiDi connection. */
final class BiDiEvents {

  private BiDiEvents() {}

  /**
   * Where an event stands among the connection's: Selenium hands BiDi events to a thread pool, so
   * they may be handled out of order. Firefox stamps each with its time in milliseconds; within one
   * millisecond a request's redirect hops follow each other, and each hop's end follows its start.
   */
  static long sequenceOf(Map<String, Object> event, boolean end) {
    long millis = event.get("timestamp") instanceof Number n ? n.longValue() : System.currentTimeMillis();
    long hop = event.get("redirectCount") instanceof Number n ? Math.min(n.longValue(), 30) : 0;
    return millis * 64 + hop * 2 + (end ? 1 : 0);
  }
}
