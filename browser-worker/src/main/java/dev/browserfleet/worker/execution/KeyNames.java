package dev.browserfleet.worker.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.Keys;

/**
 * Reads a {@code press} key such as {@code Enter}, {@code a} or {@code Control+Shift+ArrowLeft}:
 * modifiers joined by '+', then one key, named as in Playwright and the DOM's {@code KeyboardEvent.key}.
 */
final class KeyNames {

  /** The modifiers to hold, in order, and the key to press. */
  record Chord(List<Keys> modifiers, CharSequence key) {}

  private static final Map<String, Keys> MODIFIERS =
      Map.of("control", Keys.CONTROL, "shift", Keys.SHIFT, "alt", Keys.ALT, "meta", Keys.META);

  private static final Map<String, CharSequence> NAMED =
      Map.ofEntries(
          Map.entry("enter", Keys.ENTER),
          Map.entry("tab", Keys.TAB),
          Map.entry("escape", Keys.ESCAPE),
          Map.entry("backspace", Keys.BACK_SPACE),
          Map.entry("delete", Keys.DELETE),
          Map.entry("insert", Keys.INSERT),
          Map.entry("space", " "),
          Map.entry("arrowup", Keys.ARROW_UP),
          Map.entry("arrowdown", Keys.ARROW_DOWN),
          Map.entry("arrowleft", Keys.ARROW_LEFT),
          Map.entry("arrowright", Keys.ARROW_RIGHT),
          Map.entry("home", Keys.HOME),
          Map.entry("end", Keys.END),
          Map.entry("pageup", Keys.PAGE_UP),
          Map.entry("pagedown", Keys.PAGE_DOWN),
          Map.entry("f1", Keys.F1), Map.entry("f2", Keys.F2), Map.entry("f3", Keys.F3), Map.entry("f4", Keys.F4),
          Map.entry("f5", Keys.F5), Map.entry("f6", Keys.F6), Map.entry("f7", Keys.F7), Map.entry("f8", Keys.F8),
          Map.entry("f9", Keys.F9), Map.entry("f10", Keys.F10), Map.entry("f11", Keys.F11), Map.entry("f12", Keys.F12));

  private KeyNames() {}

  /** The chord {@code key} names, or empty when it names no key. */
  static Optional<Chord> parse(String key) {
    if (key == null || key.isEmpty()) {
      return Optional.empty();
    }
    // "+" alone, or as the last key ("Shift++"), is the plus key itself.
    List<String> parts = new ArrayList<>();
    String rest = key;
    if (rest.endsWith("++")) {
      parts.add("+");
      rest = rest.substring(0, rest.length() - 2);
    } else if (rest.equals("+")) {
      return Optional.of(new Chord(List.of(), "+"));
    }
    List<String> names = rest.isEmpty() ? List.of() : List.of(rest.split("\\+", -1));
    var all = new ArrayList<>(names);
    all.addAll(parts);
    var modifiers = new ArrayList<Keys>();
    for (int i = 0; i < all.size() - 1; i++) {
      Keys modifier = MODIFIERS.get(all.get(i).toLowerCase(Locale.ROOT));
      if (modifier == null) {
        return Optional.empty();
      }
      modifiers.add(modifier);
    }
    String last = all.getLast();
    if (last.codePointCount(0, last.length()) == 1) {
      return Optional.of(new Chord(modifiers, last));
    }
    CharSequence named = NAMED.get(last.toLowerCase(Locale.ROOT));
    if (named == null) {
      Keys modifier = MODIFIERS.get(last.toLowerCase(Locale.ROOT));
      named = modifier;
    }
    return named == null ? Optional.empty() : Optional.of(new Chord(modifiers, named));
  }
}
