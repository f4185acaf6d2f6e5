package dev.browserfleet.worker.browser;

import java.util.Map;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.json.JsonInput;

/** Reading the few fields a listener needs from the params of a CDP event. */
final class CdpEvents {

  private CdpEvents() {}

  /** The params of an event, as maps, lists, strings, numbers and booleans. */
  static Map<String, Object> params(JsonInput input) {
    Map<String, Object> params = input.read(Json.MAP_TYPE);
    return params == null ? Map.of() : params;
  }

  /** The string at {@code path} ({@code "frame", "url"}), or null when there is none. */
  static String string(Map<String, Object> params, String... path) {
    Object value = params;
    for (String name : path) {
      if (!(value instanceof Map<?, ?> map)) {
        return null;
      }
      value = map.get(name);
    }
    return value instanceof String text ? text : null;
  }
}
