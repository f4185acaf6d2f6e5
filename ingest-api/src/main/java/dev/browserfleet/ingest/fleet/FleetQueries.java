package dev.browserfleet.ingest.fleet;

import dev.browserfleet.ingest.access.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Reads of the workers and of the job counts, from the projection. */
public interface FleetQueries {

  /**
   * A worker slot as {@code browser_workers} has it. {@code currentJobId} is shown only to a caller
   * who may see that job.
   */
  record Worker(
      UUID id, Integer browserTypeId, String status, UUID currentJobId, Instant lastHeartbeat, Instant startedAt,
      JsonNode metadata) {}

  /** How many jobs of one engine and one priority are pending. */
  record PendingCount(String engine, int priority, long count) {}

  List<Worker> workers(Caller caller);

  /** Worker slots by engine, then by status. */
  Map<String, Map<String, Long>> workerCounts();

  /** The caller's jobs by status (every job for the admin). */
  Map<String, Long> jobsByStatus(Caller caller);

  /** The caller's jobs that ended (completed, failed or cancelled) since {@code since}. */
  long finishedSince(Caller caller, Instant since);

  /** Pending jobs of every client, by engine and priority. */
  List<PendingCount> pendingByEngineAndPriority();
}
