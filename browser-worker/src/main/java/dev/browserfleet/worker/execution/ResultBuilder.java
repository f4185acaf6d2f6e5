package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.action.Action;
import dev.browserfleet.contracts.event.ActionResult;
import dev.browserfleet.contracts.event.DialogResult;
import dev.browserfleet.contracts.event.JobResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Collects an attempt's results as its actions run. The job's thread writes; the thread that
 * watches the deadline may read a partial result at any time, hence the locking.
 */
public final class ResultBuilder {

  private final List<Action> actions;
  private final List<ActionResult> results = new ArrayList<>();
  private final Map<String, Object> data = new LinkedHashMap<>();
  private final List<DialogResult> dialogs = new ArrayList<>();
  private Integer failedActionIndex;
  private Integer currentIndex;
  private long currentStartNanos;
  private String finalUrl;
  private String title;

  public ResultBuilder(List<Action> actions) {
    this.actions = List.copyOf(actions);
  }

  /** Action {@code index} starts now. */
  public synchronized void begin(int index) {
    currentIndex = index;
    currentStartNanos = System.nanoTime();
  }

  /** The action in progress, if any. */
  public synchronized Integer currentIndex() {
    return currentIndex;
  }

  public synchronized void succeeded(int index, long durationMs, UUID artifactId) {
    results.add(new ActionResult(index, nameOf(index), true, durationMs, artifactId, null));
    currentIndex = null;
  }

  public synchronized void failed(int index, long durationMs, String error) {
    results.add(new ActionResult(index, nameOf(index), false, durationMs, null, error));
    failedActionIndex = index;
    currentIndex = null;
  }

  /** Marks action {@code index} as the failing one without running it (it was invalid). */
  public synchronized void rejected(int index, String error) {
    failed(index, 0, error);
  }

  public synchronized void putData(String name, Object value) {
    data.put(name, value);
  }

  /** A dialog the job met; called from the thread that answered it. */
  public synchronized void dialogMet(DialogResult dialog) {
    dialogs.add(dialog);
  }

  public synchronized void page(String url, String pageTitle) {
    finalUrl = url;
    title = pageTitle;
  }

  /**
   * The attempt ran out of time: the action in progress, if any, failed with {@code error}.
   *
   * @return the partial result
   */
  public synchronized JobResult timedOut(String error) {
    if (currentIndex != null) {
      failed(currentIndex, (System.nanoTime() - currentStartNanos) / 1_000_000, error);
    }
    return build();
  }

  public synchronized JobResult build() {
    return new JobResult(
        List.copyOf(results),
        Collections.unmodifiableMap(new LinkedHashMap<>(data)),
        failedActionIndex,
        finalUrl,
        title,
        List.copyOf(dialogs));
  }

  private String nameOf(int index) {
    return actions.get(index).actionName();
  }
}
