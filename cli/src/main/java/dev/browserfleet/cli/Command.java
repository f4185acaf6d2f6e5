package dev.browserfleet.cli;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The client's commands, with what each takes; their help texts are {@code help/<name>.txt} resources. */
enum Command {
  SUBMIT("submit", "JOB.json", 1, Set.of(), Set.of("--wait", "--json")),
  JOBS("jobs", "", 0, Set.of("--status", "--limit"), Set.of("--json")),
  SHOW("show", "ID", 1, Set.of(), Set.of("--json")),
  LOGS("logs", "ID", 1, Set.of(), Set.of("--json")),
  WATCH("watch", "ID", 1, Set.of(), Set.of("--json")),
  CANCEL("cancel", "ID", 1, Set.of(), Set.of("--json")),
  ARTIFACTS("artifacts", "ID", 1, Set.of("--out"), Set.of("--json"));

  private final String wireName;
  private final String operands;
  private final int positionals;
  private final Set<String> options;
  private final Set<String> flags;

  Command(String wireName, String operands, int positionals, Set<String> options, Set<String> flags) {
    this.wireName = wireName;
    this.operands = operands;
    this.positionals = positionals;
    this.options = options;
    this.flags = flags;
  }

  static Optional<Command> named(String name) {
    return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
  }

  String wireName() {
    return wireName;
  }

  int positionals() {
    return positionals;
  }

  Set<String> options() {
    return options;
  }

  Set<String> flags() {
    return flags;
  }

  String usage() {
    return ("browserfleet " + wireName + " " + operands).strip();
  }
}
