package dev.browserfleet.ingest.access;

/**
 * A change of a key's job limits, as a merge patch says it: a limit it does not name stays as it
 * is; one it names is set, {@code null} meaning no limit.
 */
public record JobLimitsChange(
    boolean setsMaxConcurrentJobs, Integer maxConcurrentJobs, boolean setsMaxQueuedJobs, Integer maxQueuedJobs) {}
