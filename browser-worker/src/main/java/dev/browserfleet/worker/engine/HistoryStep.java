package dev.browserfleet.worker.engine;

/** A move through the history of the job's tab that no URL names: back, forward, or a reload. */
public enum HistoryStep {
  BACK,
  FORWARD,
  RELOAD
}
