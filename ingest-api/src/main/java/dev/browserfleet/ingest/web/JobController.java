package dev.browserfleet.ingest.web;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JobStatus;
import dev.browserfleet.contracts.reference.ApiKeyScope;
import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.ingest.job.CancelOutcome;
import dev.browserfleet.ingest.job.IdempotencyKeys;
import dev.browserfleet.ingest.job.JobCancellations;
import dev.browserfleet.ingest.job.JobEndWatch;
import dev.browserfleet.ingest.job.JobFilter;
import dev.browserfleet.ingest.job.JobLogLine;
import dev.browserfleet.ingest.job.JobPage;
import dev.browserfleet.ingest.job.JobReads;
import dev.browserfleet.ingest.job.JobSummary;
import dev.browserfleet.ingest.job.JobSubmissions;
import dev.browserfleet.ingest.job.JobView;
import dev.browserfleet.ingest.job.PageCursor;
import dev.browserfleet.ingest.job.SubmitOutcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Submit jobs, list and read them, cancel them, read their logs and download their artifacts. */
@RestController("ingestJobController")
@RequiresScope(ApiKeyScope.JOBS_READ)
@RequestMapping(IngestWebConfiguration.API_BASE + "/jobs")
@Tag(name = ApiTags.JOBS)
class JobController {

  private static final int DEFAULT_PAGE = 20;
  static final String SUBMIT_EXAMPLE =
      "{\"browserTypeId\":1,\"targetUrl\":\"https://example.com/\",\"priority\":50,\"timeoutMs\":30000,"
          + "\"maxRetries\":3,\"waitUntil\":\"load\",\"actions\":[{\"action\":\"extract\",\"name\":\"heading\","
          + "\"target\":\"h1\"},{\"action\":\"screenshot\",\"fullPage\":true}]}";
  static final String SIGNED_IN_EXAMPLE =
      "{\"browserTypeId\":1,\"targetUrl\":\"https://example.com/account\",\"waitUntil\":\"load\","
          + "\"browserStorage\":{\"cookies\":[{\"name\":\"session\",\"value\":\"s3cr3t\",\"httpOnly\":true,"
          + "\"sameSite\":\"Lax\"}],\"localStorage\":{\"theme\":\"dark\"}},"
          + "\"actions\":[{\"action\":\"screenshot\"}]}";
  private static final int DEFAULT_LOG_PAGE = 100;
  private static final int MAX_LOG_PAGE = 1000;

  /** The answer to an accepted submission. */
  record JobAccepted(UUID jobId, String status) {}

  /** The answer to an accepted cancellation: the status the job had when it was asked. */
  record CancelRequested(UUID jobId, String status, String cancellation) {}

  record Items<T>(List<T> items) {}

  record JobList(List<JobSummary> items, String nextCursor, int limit) {}

  record LogPage(List<JobLogLine> items, Long nextAfter) {}

  /** The longest a read waits for a job's end. */
  static final int MAX_WAIT_MS = 60_000;

  private final JobSubmissions submissions;
  private final JobReads reads;
  private final JobEndWatch endWatch;
  private final JobCancellations cancellations;
  private final ApiMetrics metrics;

  JobController(JobSubmissions submissions, JobReads reads, JobEndWatch endWatch, JobCancellations cancellations,
      ApiMetrics metrics) {
    this.submissions = submissions;
    this.reads = reads;
    this.endWatch = endWatch;
    this.cancellations = cancellations;
    this.metrics = metrics;
  }

  // The body is read as bytes so that the JSON Schema, not a lenient binder, judges it.
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @RequiresScope(ApiKeyScope.JOBS_WRITE)
  @Operation(summary = "Submit a job", description = "202 with Location; the body follows schemas/job-submit.schema.json.")
  @ApiResponse(responseCode = "202", description = "Accepted: the job is pending; Location names it.")
  @ApiResponse(responseCode = "400", description = "The body is not a valid job: errors names each field at fault (schema, browser type, target URL, URL policy, Idempotency-Key).")
  @ApiResponse(responseCode = "413", description = "The body is over the size limit (1 MB by default).")
  @ApiResponse(responseCode = "415", description = "The body is not application/json.")
  ResponseEntity<JobAccepted> submit(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(
                  mediaType = MediaType.APPLICATION_JSON_VALUE,
                  schema = @Schema(type = "object"),
                  examples = {
                    @ExampleObject(name = "screenshot", value = SUBMIT_EXAMPLE),
                    @ExampleObject(
                        name = "signed in",
                        summary = "cookies and storage in place before the first request",
                        value = SIGNED_IN_EXAMPLE)
                  }))
          @RequestBody byte[] body,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
      Caller caller) {
    SubmitOutcome outcome;
    try {
      outcome = submissions.submit(JsonBodies.tree(body), caller, idempotencyKey);
    } catch (ApiProblem.MalformedJson e) {
      metrics.rejected();
      throw e;
    }
    return switch (outcome) {
      case SubmitOutcome.Accepted accepted -> {
        metrics.accepted();
        yield accepted(accepted.command().jobId(), JobStatus.PENDING.wireName(), false);
      }
      case SubmitOutcome.Replayed replayed -> {
        metrics.replayed();
        yield accepted(replayed.jobId(), replayed.status(), true);
      }
      case SubmitOutcome.QueueFull full -> {
        metrics.rejected();
        throw new ApiProblem.QueueFull(full.limit());
      }
      case SubmitOutcome.Invalid invalid -> {
        metrics.rejected();
        throw new ApiProblem.Invalid("The job was not accepted: fix the fields named in errors.", invalid.errors());
      }
    };
  }

  private static ResponseEntity<JobAccepted> accepted(JobId jobId, String status, boolean replayed) {
    var response = ResponseEntity.accepted().location(URI.create(IngestWebConfiguration.API_BASE + "/jobs/" + jobId));
    if (replayed) {
      response.header("Idempotent-Replayed", "true");
    }
    return response.body(new JobAccepted(jobId.value(), status));
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "List jobs, newest first",
      description = "A client sees its own jobs, the admin every job. Pass nextCursor back as cursor for the next page.")
  @ApiResponse(responseCode = "200", description = "One page of jobs.")
  @ApiResponse(responseCode = "400", description = "A filter, limit or cursor is malformed; errors names each.")
  JobList list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String browserTypeId,
      @RequestParam(required = false) String createdAfter,
      @RequestParam(required = false) String createdBefore,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String cursor,
      Caller caller) {
    var errors = new ArrayList<FieldError>();
    var filter =
        new JobFilter(
            status(status, errors),
            QueryParams.integer("browserTypeId", browserTypeId, 1, Integer.MAX_VALUE, errors),
            instant("createdAfter", createdAfter, errors),
            instant("createdBefore", createdBefore, errors));
    Integer pageSize = QueryParams.integer("limit", limit, 1, JobReads.MAX_PAGE, errors);
    PageCursor after = null;
    if (cursor != null && !cursor.isEmpty()) {
      after = PageCursor.decode(cursor).orElse(null);
      if (after == null) {
        errors.add(new FieldError("cursor", "is not a cursor this API handed out; pass nextCursor from the previous page as it is"));
      }
    }
    QueryParams.rejectIfAny(errors);
    int size = pageSize == null ? DEFAULT_PAGE : pageSize;
    JobPage page = reads.list(filter, after, size, caller);
    return new JobList(page.items(), page.nextCursor(), size);
  }

  @GetMapping(path = "/{jobId}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Read a job",
      description = "Status, retries, error, result (per-action outcomes and extracted data), timestamps and artifacts."
          + " Right after the 202 it answers pending, never 404. With waitMs (at most " + MAX_WAIT_MS + ") it answers"
          + " as soon as the job has ended, or when waitMs have passed with the job as it is then: no need to poll.")
  @ApiResponse(responseCode = "200", description = "The job.")
  @ApiResponse(responseCode = "400", description = "The job id is not a UUID, or waitMs is not a whole number from 0 to "
      + MAX_WAIT_MS + ".")
  @ApiResponse(responseCode = "404", description = "No such job, or another client's.")
  JobView job(@PathVariable UUID jobId, @RequestParam(required = false) String waitMs, Caller caller) {
    var errors = new ArrayList<FieldError>();
    Integer wait = QueryParams.integer("waitMs", waitMs, 0, MAX_WAIT_MS, errors);
    QueryParams.rejectIfAny(errors);
    var id = new JobId(jobId);
    JobView job = reads.job(id, caller).orElseThrow(() -> noSuchJob(jobId));
    if (wait == null || wait == 0 || job.hasEnded()) {
      return job;
    }
    // Requests run on virtual threads: a waiting read holds no platform thread.
    var ended = endWatch.whenEnded(id);
    try {
      ended.get(wait, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // answered with the job as it is now
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      endWatch.forget(ended);
    }
    return reads.job(id, caller).orElseThrow(() -> noSuchJob(jobId));
  }

  @PostMapping(path = "/{jobId}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
  @RequiresScope(ApiKeyScope.JOBS_WRITE)
  @Operation(summary = "Cancel a job", description = "A pending job leaves the queue; a running one stops within seconds.")
  @ApiResponse(responseCode = "202", description = "Cancellation requested; status is what the job had when asked.")
  @ApiResponse(responseCode = "400", description = "The job id is not a UUID.")
  @ApiResponse(responseCode = "404", description = "No such job, or another client's.")
  @ApiResponse(responseCode = "409", description = "The job has already ended (job-finished).")
  ResponseEntity<CancelRequested> cancel(@PathVariable UUID jobId, Caller caller) {
    return switch (cancellations.cancel(new JobId(jobId), caller)) {
      case CancelOutcome.Requested requested ->
          ResponseEntity.status(HttpStatus.ACCEPTED)
              .body(new CancelRequested(requested.jobId(), requested.status(), "requested"));
      case CancelOutcome.AlreadyFinished finished ->
          throw new ApiProblem.JobFinished(
              "Job " + jobId + " already ended as " + finished.status() + "; there is nothing left to cancel.");
      case CancelOutcome.NotFound notFound -> throw noSuchJob(jobId);
    };
  }

  /** The same as {@code POST /{jobId}/cancel}: a job is never deleted, only cancelled. */
  @DeleteMapping(path = "/{jobId}", produces = MediaType.APPLICATION_JSON_VALUE)
  @RequiresScope(ApiKeyScope.JOBS_WRITE)
  @Operation(summary = "Cancel a job (alias of POST /{jobId}/cancel)", description = "A job is never deleted, only cancelled.")
  @ApiResponse(responseCode = "202", description = "Cancellation requested.")
  @ApiResponse(responseCode = "400", description = "The job id is not a UUID.")
  @ApiResponse(responseCode = "404", description = "No such job, or another client's.")
  @ApiResponse(responseCode = "409", description = "The job has already ended (job-finished).")
  ResponseEntity<CancelRequested> delete(@PathVariable UUID jobId, Caller caller) {
    return cancel(jobId, caller);
  }

  @GetMapping(path = "/{jobId}/logs", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Read a job's log", description = "Lines in order; pass nextAfter back as after for more.")
  @ApiResponse(responseCode = "200", description = "One page of log lines.")
  @ApiResponse(responseCode = "400", description = "The job id, after or limit is malformed.")
  @ApiResponse(responseCode = "404", description = "No such job, or another client's.")
  LogPage logs(
      @PathVariable UUID jobId,
      @RequestParam(required = false) String after,
      @RequestParam(required = false) String limit,
      Caller caller) {
    var errors = new ArrayList<FieldError>();
    Long afterId = QueryParams.longValue("after", after, 0, Long.MAX_VALUE, errors);
    Integer pageSize = QueryParams.integer("limit", limit, 1, MAX_LOG_PAGE, errors);
    QueryParams.rejectIfAny(errors);
    int size = pageSize == null ? DEFAULT_LOG_PAGE : pageSize;
    List<JobLogLine> lines =
        reads.logs(new JobId(jobId), afterId == null ? 0 : afterId, size, caller).orElseThrow(() -> noSuchJob(jobId));
    return new LogPage(lines, lines.size() == size ? lines.getLast().id() : null);
  }

  private static JobStatus status(String value, List<FieldError> errors) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    for (JobStatus status : JobStatus.values()) {
      if (status.wireName().equals(value)) {
        return status;
      }
    }
    errors.add(new FieldError("status", "must be one of pending, processing, completed, failed, cancelled"));
    return null;
  }

  private static Instant instant(String name, String value, List<FieldError> errors) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(name, "must be an ISO-8601 instant in UTC, such as 2026-11-25T08:00:00Z"));
      return null;
    }
  }

  static ApiProblem.NotFound noSuchJob(UUID jobId) {
    return new ApiProblem.NotFound("No job " + jobId + " that this API key may see.");
  }
}
