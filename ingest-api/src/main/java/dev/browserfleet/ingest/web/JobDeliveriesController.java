package dev.browserfleet.ingest.web;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.reference.ApiKeyScope;
import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.ingest.job.DeliveryAttemptView;
import dev.browserfleet.ingest.job.JobReads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The webhook delivery attempts of a job: what its callback receiver answered, and when. */
@RestController("ingestJobDeliveriesController")
@Tag(name = ApiTags.JOBS)
@RequiresScope(ApiKeyScope.JOBS_READ)
@RequestMapping(IngestWebConfiguration.API_BASE + "/jobs")
class JobDeliveriesController {

  record Items<T>(List<T> items) {}

  private final JobReads reads;

  JobDeliveriesController(JobReads reads) {
    this.reads = reads;
  }

  @ApiResponse(responseCode = "200", description = "Every attempt so far (none for a job without a callback).")
  @ApiResponse(responseCode = "400", description = "The job id is not a UUID.")
  @ApiResponse(responseCode = "404", description = "No such job, or another client's.")
  @GetMapping(path = "/{jobId}/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The job's webhook delivery attempts, oldest first",
      description = "Each attempt: time, HTTP status or error, duration, and outcome (delivered, retrying, given_up).")
  Items<DeliveryAttemptView> deliveries(@PathVariable UUID jobId, Caller caller) {
    return new Items<>(reads.deliveries(new JobId(jobId), caller).orElseThrow(() -> JobController.noSuchJob(jobId)));
  }
}
