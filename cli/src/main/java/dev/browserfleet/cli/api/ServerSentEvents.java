package dev.browserfleet.cli.api;

import java.util.function.Consumer;

/**
 * Turns the lines of a {@code text/event-stream} into events (the WHATWG rules the API needs:
 * {@code id}, {@code event}, multi-line {@code data}, comments, a blank line ends an event).
 */
public final class ServerSentEvents {

  /** One event: {@code id} is null when the event named none. */
  public record Event(String id, String name, String data) {}

  private final Consumer<Event> sink;
  private String id;
  private String name;
  private StringBuilder data;

  public ServerSentEvents(Consumer<Event> sink) {
    this.sink = sink;
  }

  public void line(String line) {
    if (line.isEmpty()) {
      if (data != null) {
        sink.accept(new Event(id, name == null ? "message" : name, data.toString()));
      }
      id = null;
      name = null;
      data = null;
      return;
    }
    if (line.startsWith(":")) {
      return;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "id" -> id = value;
      case "event" -> name = value;
      case "data" -> {
        if (data == null) {
          data = new StringBuilder(value);
        } else {
          data.append('\n').append(value);
        }
      }
      default -> { } // retry and unknown fields change nothing for this client
    }
  }
}
