package dev.browserfleet.contracts.event;

import java.util.List;
import java.util.Map;

/**
 * What a job produced: one entry per action run, and the extracted values by name ({@code
 * result.data}). On failure it holds the partial results and the failing action's index.
 */
public record JobResult(
    List<ActionResult> actions,
    Map<String, Object> data,
    Integer failedActionIndex,
    String finalUrl,
    String title) {

  public JobResult {
    actions = actions == null ? List.of() : List.copyOf(actions);
    data = data == null ? Map.of() : data;
  }
}
