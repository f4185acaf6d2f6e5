package dev.browserfleet.ingest.web;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.contracts.reference.ApiKeyScope;
import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.ingest.job.BatchOutcome;
import dev.browserfleet.ingest.job.IdempotencyKeys;
import dev.browserfleet.ingest.job.JobSubmissions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Submits many jobs at once: all of them, or none. */
@RestController
@Tag(name = ApiTags.JOBS)
@RequiresScope(ApiKeyScope.JOBS_WRITE)
@RequestMapping(IngestWebConfiguration.API_BASE + "/jobs/batch")
class JobBatchController {

  static final String BATCH_EXAMPLE = "{\"jobs\":[" + JobController.SUBMIT_EXAMPLE + "," + JobController.SUBMIT_EXAMPLE + "]}";

  /** The answer to an accepted batch: the jobs' ids, in the order of the request. */
  record BatchAccepted(List<UUID> jobIds, int count) {}

  private final JobSubmissions submissions;
  private final ApiMetrics metrics;

  JobBatchController(JobSubmissions submissions, ApiMetrics metrics) {
    this.submissions = submissions;
    this.metrics = metrics;
  }

  @ApiResponse(responseCode = "202", description = "Accepted: {jobIds, count}, the ids in the order of the jobs.")
  @ApiResponse(responseCode = "400", description = "A job is invalid: errors names the first invalid job's fields (jobs[3].actions[0].selector); nothing was accepted.")
  @ApiResponse(responseCode = "413", description = "The body is over the size limit (1 MB by default).")
  @ApiResponse(responseCode = "415", description = "The body is not application/json.")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Submit a batch of jobs",
      description = "{\"jobs\": [...]}, 1 to " + JobSubmissions.MAX_BATCH + " jobs as POST /jobs takes them. 202 with"
          + " their ids when all are valid; otherwise 400 naming the first invalid job's fields (jobs[3].actions[0].selector)"
          + " and none is accepted.")
  ResponseEntity<BatchAccepted> submit(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(
                  mediaType = MediaType.APPLICATION_JSON_VALUE,
                  schema = @Schema(type = "object"),
                  examples = @ExampleObject(name = "two screenshots", value = BATCH_EXAMPLE)))
          @RequestBody byte[] body,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
      Caller caller) {
    BatchOutcome outcome;
    try {
      outcome = submissions.submitBatch(JsonBodies.tree(body), caller, idempotencyKey);
    } catch (ApiProblem.MalformedJson e) {
      metrics.rejected();
      throw e;
    }
    return switch (outcome) {
      case BatchOutcome.Accepted accepted -> {
        accepted.commands().forEach(c -> metrics.accepted());
        yield ResponseEntity.accepted().body(answer(accepted.commands().stream().map(SubmitJob::jobId).toList()));
      }
      case BatchOutcome.Replayed replayed -> {
        metrics.replayed();
        yield ResponseEntity.accepted().header("Idempotent-Replayed", "true").body(answer(replayed.jobIds()));
      }
      case BatchOutcome.QueueFull full -> {
        metrics.rejected();
        throw new ApiProblem.QueueFull(full.limit());
      }
      case BatchOutcome.Invalid invalid -> {
        metrics.rejected();
        throw new ApiProblem.Invalid(
            invalid.index() < 0
                ? "The batch was not accepted: fix the fields named in errors."
                : "Job " + invalid.index() + " of the batch is invalid (its fields are named in errors);"
                    + " no job of the batch was accepted.",
            invalid.errors());
      }
    };
  }

  private static BatchAccepted answer(List<JobId> ids) {
    return new BatchAccepted(ids.stream().map(JobId::value).toList(), ids.size());
  }
}
