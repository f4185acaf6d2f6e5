package dev.browserfleet.ingest.web;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import dev.browserfleet.contracts.reference.ApiKeyScope;
import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.ingest.fleet.FleetQueries;
import dev.browserfleet.ingest.fleet.FleetStats;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The workers and the numbers: GET /workers, /workers/stats and /stats. */
@RestController("ingestFleetController")
@RequiresScope(ApiKeyScope.JOBS_READ)
@Tag(name = ApiTags.FLEET)
class FleetController {

  record Items<T>(List<T> items) {}

  private final FleetQueries queries;
  private final FleetStats stats;

  FleetController(FleetQueries queries, FleetStats stats) {
    this.queries = queries;
    this.stats = stats;
  }

  @Operation(summary = "List the workers")
  @ApiResponse(responseCode = "200", description = "Every worker slot with its engine, status and heartbeat; another client's current job is not shown.")
  @GetMapping(path = IngestWebConfiguration.API_BASE + "/workers", produces = MediaType.APPLICATION_JSON_VALUE)
  Items<FleetQueries.Worker> workers(Caller caller) {
    return new Items<>(queries.workers(caller));
  }

  @Operation(summary = "Count worker slots by status and engine")
  @ApiResponse(responseCode = "200", description = "The counts.")
  @GetMapping(path = IngestWebConfiguration.API_BASE + "/workers/stats", produces = MediaType.APPLICATION_JSON_VALUE)
  FleetStats.WorkerStats workerStats(Caller caller) {
    return stats.workers();
  }

  /** Counts by status and throughput are of the caller's own jobs (all jobs for the admin); queue depth is global. */
  @Operation(summary = "Jobs by status, throughput and lane depth")
  @ApiResponse(responseCode = "200", description = "The numbers.")
  @GetMapping(path = IngestWebConfiguration.API_BASE + "/stats", produces = MediaType.APPLICATION_JSON_VALUE)
  FleetStats.JobStats jobStats(Caller caller) {
    return stats.jobs(caller);
  }
}
