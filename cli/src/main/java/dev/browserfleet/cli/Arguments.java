package dev.browserfleet.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line taken apart for one {@link Command}: its positional arguments, the options it
 * takes with a value ({@code --status S}) and the flags ({@code --json}). Anything the command
 * does not take is bad input.
 */
record Arguments(Command command, List<String> positional, Map<String, String> options, Set<String> flags) {

  static Arguments parse(Command command, List<String> words) {
    var positional = new ArrayList<String>();
    var options = new HashMap<String, String>();
    var flags = new HashSet<String>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (word.equals("--help") || word.equals("-h")) {
        flags.add("--help");
      } else if (word.startsWith("--")) {
        String name = word;
        String value = null;
        int eq = word.indexOf('=');
        if (eq > 0) {
          name = word.substring(0, eq);
          value = word.substring(eq + 1);
        }
        if (command.flags().contains(name) && value == null) {
          flags.add(name);
        } else if (command.options().contains(name)) {
          if (value == null) {
            if (i + 1 >= words.size()) {
              throw CliException.usage(command.wireName() + ": " + name + " needs a value (see: browserfleet help " + command.wireName() + ")");
            }
            value = words.get(++i);
          }
          options.put(name, value);
        } else {
          throw CliException.usage(command.wireName() + ": unknown option " + word + " (see: browserfleet help " + command.wireName() + ")");
        }
      } else {
        positional.add(word);
      }
    }
    var parsed = new Arguments(command, List.copyOf(positional), Map.copyOf(options), Set.copyOf(flags));
    if (!parsed.flag("--help") && positional.size() != command.positionals()) {
      throw CliException.usage(command.wireName() + ": expected " + command.usage() + " (see: browserfleet help " + command.wireName() + ")");
    }
    return parsed;
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  boolean json() {
    return flag("--json");
  }

  String option(String name) {
    return options.get(name);
  }

  String first() {
    return positional.getFirst();
  }

  /** A positive whole number option, or {@code null} when absent. */
  Integer intOption(String name, int min, int max) {
    String value = options.get(name);
    if (value == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw CliException.usage(command.wireName() + ": " + name + " must be a whole number from " + min + " to " + max + ", not " + value);
  }
}
