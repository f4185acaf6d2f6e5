package dev.browserfleet.worker.execution;

/**
 * Where the time of each job goes, stage by stage, for the worker's histograms: how long it
 * waited in its lane, opening its page, each action, storing each artifact, and reporting its
 * outcome. Recorded for every attempt, whatever its outcome.
 */
@FunctionalInterface
public interface StageTimes {

  StageTimes NONE = (stage, engine, action, nanos) -> {};

  /**
   * @param engine the engine's wire name
   * @param action the action's name for {@link Stage#ACTION}, else null
   */
  void record(Stage stage, String engine, String action, long nanos);

  enum Stage {
    /** From the dispatcher's assignment to a slot taking the job. */
    QUEUED("queued"),
    /** Opening the target URL up to its {@code waitUntil}, the job's session begun. */
    BROWSER_OPEN("browser_open"),
    /** One action, its waits included. */
    ACTION("action"),
    /** Writing one artifact to the store. */
    ARTIFACT_STORED("artifact_stored"),
    /** Producing the outcome until the broker has it. */
    REPORTED("reported");

    private final String metricName;

    Stage(String metricName) {
      this.metricName = metricName;
    }

    public String metricName() {
      return metricName;
    }
  }
}
