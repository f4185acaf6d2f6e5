package dev.browserfleet.contracts.action;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * The iframe an element action acts inside: CSS selectors of nested iframes, outermost first, each
 * looked up in the document of the one before. On the wire a single selector is a string
 * ({@code "frame": "#outer"}), a path an array ({@code "frame": ["#outer", "#inner"]}).
 */
public record FramePath(List<String> selectors) {

  public FramePath {
    selectors = List.copyOf(selectors);
    if (selectors.isEmpty()) {
      throw new IllegalArgumentException("a frame path names at least one iframe");
    }
  }

  public static FramePath of(String... selectors) {
    return new FramePath(List.of(selectors));
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static FramePath fromJson(Object json) {
    return switch (json) {
      case String selector -> of(selector);
      case List<?> list when list.stream().allMatch(String.class::isInstance) ->
          new FramePath(list.stream().map(String.class::cast).toList());
      default -> throw new IllegalArgumentException("frame must be a CSS selector or an array of them, outermost first");
    };
  }

  /** A single selector as a string, as clients wrote it before paths; a path as an array. */
  @JsonValue
  Object toJson() {
    return selectors.size() == 1 ? selectors.getFirst() : selectors;
  }

  /** {@code '#outer'} or {@code '#outer' > '#inner'}, for messages. */
  @Override
  public String toString() {
    return String.join(" > ", selectors.stream().map(s -> "'" + s + "'").toList());
  }
}
