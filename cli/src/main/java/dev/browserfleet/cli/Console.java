package dev.browserfleet.cli;

import dev.browserfleet.cli.api.ApiClient;
import java.io.PrintStream;
import tools.jackson.databind.JsonNode;

/**
 * Where a command's output goes: results on {@code out} (JSON with {@code --json}, text
 * otherwise), progress and messages for people on {@code err} so that {@code out} stays parseable.
 */
record Console(PrintStream out, PrintStream err, boolean interactive, boolean json) {

  void print(JsonNode node) {
    out.println(ApiClient.pretty(node));
  }

  void line(String text) {
    out.println(text);
  }

  void note(String text) {
    err.println(text);
  }

  /** Redraws the progress line in place on a terminal; prints it as a new line otherwise. */
  void progress(String line, boolean last) {
    if (json) {
      return;
    }
    if (interactive) {
      err.print("\r\033[2K" + line);
      if (last) {
        err.println();
      }
    } else {
      err.println(line);
    }
    err.flush();
  }
}
