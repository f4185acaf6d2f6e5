package dev.browserfleet.contracts.event;

import java.util.List;
import java.util.Map;

/**
 * What a job produced: one entry per action run, and the extracted values by name ({@code
 * result.data}). On failure it holds the partial results and the failing action's index. {@code
 * dialogs} lists the dialogs the job met, in order; it is absent (null) when it met none, and in
 * every result written before dialogs were reported.
 */
public record JobResult(
    List<ActionResult> actions,
    Map<String, Object> data,
    Integer failedActionIndex,
    String finalUrl,
    String title,
    List<DialogResult> dialogs) {

  public JobResult {
    actions = actions == null ? List.of() : List.copyOf(actions);
    data = data == null ? Map.of() : data;
    // Left null rather than empty, so that a result without dialogs encodes as it always has.
    dialogs = dialogs == null || dialogs.isEmpty() ? null : List.copyOf(dialogs);
  }

  /** A result that met no dialog. */
  public JobResult(List<ActionResult> actions, Map<String, Object> data, Integer failedActionIndex, String finalUrl,
      String title) {
    this(actions, data, failedActionIndex, finalUrl, title, null);
  }
}
