package dev.browserfleet.worker.execution;

import dev.browserfleet.worker.engine.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code press} key such as {@code Enter}, {@code a} or {@code Control+Shift+ArrowLeft}:
 * modifiers joined by '+', then one key, named as in Playwright and the DOM's {@code KeyboardEvent.key}.
 */
final class KeyNames {

  /** The modifiers to hold, in order, and the key to press. */
  record Chord(List<Key> modifiers, CharSequence key) {}

  private static final Map<String, Key> MODIFIERS =
      Map.of("control", Key.CONTROL, "shift", Key.SHIFT, "alt", Key.ALT, "meta", Key.META);

  private static final Map<String, CharSequence> NAMED =
      Map.ofEntries(
          Map.entry("enter", Key.ENTER),
          Map.entry("tab", Key.TAB),
          Map.entry("escape", Key.ESCAPE),
          Map.entry("backspace", Key.BACK_SPACE),
          Map.entry("delete", Key.DELETE),
          Map.entry("insert", Key.INSERT),
          Map.entry("space", " "),
          Map.entry("arrowup", Key.ARROW_UP),
          Map.entry("arrowdown", Key.ARROW_DOWN),
          Map.entry("arrowleft", Key.ARROW_LEFT),
          Map.entry("arrowright", Key.ARROW_RIGHT),
          Map.entry("home", Key.HOME),
          Map.entry("end", Key.END),
          Map.entry("pageup", Key.PAGE_UP),
          Map.entry("pagedown", Key.PAGE_DOWN),
          Map.entry("f1", Key.F1), Map.entry("f2", Key.F2), Map.entry("f3", Key.F3), Map.entry("f4", Key.F4),
          Map.entry("f5", Key.F5), Map.entry("f6", Key.F6), Map.entry("f7", Key.F7), Map.entry("f8", Key.F8),
          Map.entry("f9", Key.F9), Map.entry("f10", Key.F10), Map.entry("f11", Key.F11), Map.entry("f12", Key.F12));

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
    var modifiers = new ArrayList<Key>();
    for (int i = 0; i < all.size() - 1; i++) {
      Key modifier = MODIFIERS.get(all.get(i).toLowerCase(Locale.ROOT));
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
      Key modifier = MODIFIERS.get(last.toLowerCase(Locale.ROOT));
      named = modifier;
    }
    return named == null ? Optional.empty() : Optional.of(new Chord(modifiers, named));
  }
}
