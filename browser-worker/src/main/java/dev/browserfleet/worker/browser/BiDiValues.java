package dev.browserfleet.worker.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.json.Json;

/**
 * Translation between Java values and WebDriver BiDi's script values: arguments as {@code
 * LocalValue}s, results from {@code RemoteValue}s (a node becomes an element, through the caller's
 * factory), and BiDi errors as the WebDriver exceptions the worker classifies.
 */
final class BiDiValues {

  private static final Json JSON = new Json();

  private BiDiValues() {}

  /** {@code value} as a BiDi {@code LocalValue}; an element as its shared reference. */
  static Map<String, Object> local(Object value) {
    return switch (value) {
      case null -> Map.of("type", "null");
      case BiDiElement element -> Map.of("sharedId", element.sharedId());
      case String s -> Map.of("type", "string", "value", s);
      case Boolean b -> Map.of("type", "boolean", "value", b);
      case Number n when Double.isNaN(n.doubleValue()) -> Map.of("type", "number", "value", "NaN");
      case Number n -> Map.of("type", "number", "value", n);
      case CharSequence s -> Map.of("type", "string", "value", s.toString());
      case List<?> list -> Map.of("type", "array", "value", list.stream().map(BiDiValues::local).toList());
      case Map<?, ?> map -> {
        var pairs = new ArrayList<List<Object>>();
        map.forEach((k, v) -> pairs.add(List.of(String.valueOf(k), local(v))));
        yield Map.of("type", "object", "value", pairs);
      }
      default -> throw new IllegalArgumentException("cannot pass a " + value.getClass().getSimpleName() + " to a page");
    };
  }

  /** A {@code RemoteValue} as WebDriver gives script results: numbers as Long or Double, nodes as elements. */
  @SuppressWarnings("unchecked")
  static Object remote(Object remoteValue, Function<String, WebElement> elements) {
    if (!(remoteValue instanceof Map<?, ?> raw)) {
      return null;
    }
    var value = (Map<String, Object>) raw;
    String type = String.valueOf(value.get("type"));
    Object inner = value.get("value");
    return switch (type) {
      case "undefined", "null" -> null;
      case "string", "boolean" -> inner;
      case "number" -> number(inner);
      case "bigint" -> Long.parseLong(String.valueOf(inner));
      case "array", "set", "nodelist", "htmlcollection" -> inner == null ? List.of()
          : ((List<Object>) inner).stream().map(v -> remote(v, elements)).toList();
      case "object", "map" -> {
        var out = new LinkedHashMap<String, Object>();
        if (inner instanceof List<?> pairs) {
          for (Object pair : pairs) {
            var kv = (List<Object>) pair;
            Object key = kv.get(0) instanceof String s ? s : remote(kv.get(0), elements);
            out.put(String.valueOf(key), remote(kv.get(1), elements));
          }
        }
        yield out;
      }
      case "node" -> {
        String sharedId = (String) value.get("sharedId");
        yield sharedId == null ? null : elements.apply(sharedId);
      }
      case "window" -> inner instanceof Map<?, ?> window ? Map.of("context", String.valueOf(window.get("context"))) : null;
      default -> inner == null ? null : String.valueOf(inner);
    };
  }

  private static Object number(Object inner) {
    if (inner instanceof Number n) {
      double d = n.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 9.0e15 ? (Object) (long) d : (Object) d;
    }
    return switch (String.valueOf(inner)) {
      case "NaN" -> Double.NaN;
      case "Infinity" -> Double.POSITIVE_INFINITY;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> 0L; // "-0"
    };
  }

  /**
   * The result of a {@code script.callFunction} or {@code script.evaluate}: its value, or the
   * exception the page threw as a {@link JavascriptException} (a stale element as a {@link
   * StaleElementReferenceException}).
   */
  @SuppressWarnings("unchecked")
  static Object result(Map<String, Object> answer, Function<String, WebElement> elements) {
    if ("exception".equals(answer.get("type"))) {
      var details = (Map<String, Object>) answer.get("exceptionDetails");
      String text = details == null ? "the script threw" : String.valueOf(details.get("text"));
      if (text.contains("bf:stale")) {
        throw new StaleElementReferenceException("the element is no longer in the page");
      }
      if (text.contains("bf:intercepted")) {
        throw new org.openqa.selenium.ElementClickInterceptedException(after(text, "bf:intercepted"));
      }
      if (text.contains("bf:not-interactable")) {
        throw new org.openqa.selenium.ElementNotInteractableException(after(text, "bf:not-interactable"));
      }
      if (text.contains("bf:invalid-state")) {
        throw new org.openqa.selenium.InvalidElementStateException(after(text, "bf:invalid-state"));
      }
      if (text.contains("bf:no-frame")) {
        throw new org.openqa.selenium.NoSuchFrameException(after(text, "bf:no-frame"));
      }
      if (text.contains("bf:invalid-selector")) {
        throw new org.openqa.selenium.InvalidSelectorException(after(text, "bf:invalid-selector"));
      }
      throw new JavascriptException(text);
    }
    return remote(answer.get("result"), elements);
  }

  private static String after(String text, String marker) {
    return text.substring(text.indexOf(marker) + marker.length()).strip();
  }

  /** The BiDi error code and message in an error answer, which Selenium passes on as JSON text. */
  static Optional<Map<String, Object>> error(WebDriverException e) {
    String message = String.valueOf(e.getMessage());
    int start = message.indexOf('{');
    int end = message.lastIndexOf('}');
    if (start < 0 || end < start) {
      return Optional.empty();
    }
    try {
      Map<String, Object> parsed = JSON.toType(message.substring(start, end + 1), Json.MAP_TYPE);
      return parsed.containsKey("error") ? Optional.of(parsed) : Optional.empty();
    } catch (RuntimeException notJson) {
      return Optional.empty();
    }
  }

  /** {@code e} as the WebDriver exception its BiDi error code stands for, with the browser's message. */
  static RuntimeException translate(WebDriverException e) {
    Optional<Map<String, Object>> error = error(e);
    if (error.isEmpty()) {
      return e;
    }
    String code = String.valueOf(error.get().get("error"));
    String message = code + ": " + error.get().get("message");
    return switch (code.toLowerCase(Locale.ROOT)) {
      case "no such node" -> new StaleElementReferenceException(message);
      case "no such element" -> new NoSuchElementException(message);
      case "invalid selector" -> new org.openqa.selenium.InvalidSelectorException(message);
      case "invalid argument" -> new org.openqa.selenium.InvalidArgumentException(message);
      case "no such frame" -> new org.openqa.selenium.NoSuchFrameException(message);
      case "move target out of bounds" -> new org.openqa.selenium.interactions.MoveTargetOutOfBoundsException(message);
      case "unsupported operation", "unknown command" -> new org.openqa.selenium.UnsupportedCommandException(message);
      default -> new WebDriverException(message);
    };
  }
}
