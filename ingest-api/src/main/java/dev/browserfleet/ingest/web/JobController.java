package dev.browserfleet.ingest.web;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JobStatus;
import dev.browserfleet.contracts.reference.ApiKeyScope;
import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.ingest.job.ArtifactContent;
import dev.browserfleet.ingest.job.ArtifactFileNames;
import dev.browserfleet.ingest.job.ArtifactSummary;
import dev.browserfleet.ingest.job.CancelOutcome;
import dev.browserfleet.ingest.job.IdempotencyKeys;
import dev.browserfleet.ingest.job.JobCancellations;
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
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
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

  private final JobSubmissions submissions;
  private final JobReads reads;
  private final JobCancellations cancellations;
  private final ApiMetrics metrics;

  JobController(JobSubmissions submissions, JobReads reads, JobCancellations cancellations, ApiMetrics metrics) {
    this.submissions = submissions;
    this.reads = reads;
    this.cancellations = cancellations;
    this.metrics = metrics;
  }

  // The body is read as bytes so that the JSON Schema, not a lenient binder, judges it.
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @RequiresScope(ApiKeyScope.JOBS_WRITE)
  @Operation(summary = "Submit a job", description = "202 with Location; the body follows schemas/job-submit.schema.json.")
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
  JobView job(@PathVariable UUID jobId, Caller caller) {
    return reads.job(new JobId(jobId), caller).orElseThrow(() -> noSuchJob(jobId));
  }

  @PostMapping(path = "/{jobId}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
  @RequiresScope(ApiKeyScope.JOBS_WRITE)
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
  ResponseEntity<CancelRequested> delete(@PathVariable UUID jobId, Caller caller) {
    return cancel(jobId, caller);
  }

  @GetMapping(path = "/{jobId}/artifacts", produces = MediaType.APPLICATION_JSON_VALUE)
  Items<ArtifactSummary> artifacts(@PathVariable UUID jobId, Caller caller) {
    return new Items<>(reads.artifacts(new JobId(jobId), caller).orElseThrow(() -> noSuchJob(jobId)));
  }

  @GetMapping(path = "/{jobId}/logs", produces = MediaType.APPLICATION_JSON_VALUE)
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

  @GetMapping("/{jobId}/artifacts/{artifactId}")
  ResponseEntity<Resource> artifact(
      @PathVariable UUID jobId,
      @PathVariable UUID artifactId,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
      Caller caller) {
    ArtifactContent content =
        reads
            .artifact(new JobId(jobId), artifactId, caller)
            .orElseThrow(
                () -> new ApiProblem.NotFound("Job " + jobId + " has no artifact " + artifactId + " that this API key may read."));
    return switch (content) {
      case ArtifactContent.Gone gone -> throw new ApiProblem.Gone(
          "The bytes of artifact " + artifactId + " of job " + jobId + " are no longer in the artifact store"
              + " (deleted by retention, or lost); they will not come back.");
      case ArtifactContent.Presigned presigned -> {
        String etag = etag(presigned.sha256());
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
          yield ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        // The store serves the bytes; the URL is short-lived, so nothing may cache this answer.
        yield ResponseEntity.status(HttpStatus.FOUND).location(presigned.url()).eTag(etag)
            .cacheControl(CacheControl.noStore()).build();
      }
      case ArtifactContent.Bytes bytes -> download(bytes, ifNoneMatch);
    };
  }

  private static ResponseEntity<Resource> download(ArtifactContent.Bytes content, String ifNoneMatch) {
    String etag = etag(content.sha256());
    if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
      if (content instanceof ArtifactContent.Streamed streamed) {
        closeQuietly(streamed);
      }
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
    }
    Resource body =
        switch (content) {
          case ArtifactContent.Streamed streamed -> new StreamedResource(streamed);
          case ArtifactContent.Inline inline -> new ByteArrayResource(inline.bytes());
        };
    MediaType mediaType = mediaType(content.mimeType());
    return ResponseEntity.ok()
        .contentType(mediaType)
        .contentLength(content.length())
        .eTag(etag)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(ArtifactFileNames.of(content.artifactType(), content.id(), mediaType.toString()))
                .build()
                .toString())
        // Artifacts are page content (HTML among them): never let a browser run it on the API's origin.
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "sandbox")
        .body(body);
  }

  private static String etag(String sha256) {
    return "\"" + sha256 + "\"";
  }

  private static void closeQuietly(ArtifactContent.Streamed streamed) {
    try {
      streamed.content().close();
    } catch (java.io.IOException e) {
      // Nothing was sent from it; the store's connection is dropped either way.
    }
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    return Arrays.stream(ifNoneMatch.split(","))
        .map(String::strip)
        .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
        .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
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

  private static MediaType mediaType(String mimeType) {
    if (mimeType == null || mimeType.isBlank()) {
      return MediaType.APPLICATION_OCTET_STREAM;
    }
    try {
      return MediaType.parseMediaType(mimeType);
    } catch (InvalidMediaTypeException e) {
      return MediaType.APPLICATION_OCTET_STREAM;
    }
  }
}
