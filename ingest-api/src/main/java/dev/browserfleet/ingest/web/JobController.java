package dev.browserfleet.ingest.web;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JobStatus;
import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.ingest.job.ArtifactContent;
import dev.browserfleet.ingest.job.JobReads;
import dev.browserfleet.ingest.job.JobSubmissions;
import dev.browserfleet.ingest.job.JobView;
import dev.browserfleet.ingest.job.SubmitOutcome;
import java.net.URI;
import java.util.UUID;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Submit jobs, read them, download their artifacts. */
@RestController("ingestJobController")
@RequestMapping(IngestWebConfiguration.API_BASE + "/jobs")
class JobController {

  /** The answer to an accepted submission. */
  record JobAccepted(UUID jobId, String status) {}

  private final JobSubmissions submissions;
  private final JobReads reads;

  JobController(JobSubmissions submissions, JobReads reads) {
    this.submissions = submissions;
    this.reads = reads;
  }

  // The body is read as bytes so that the JSON Schema, not a lenient binder, judges it.
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<JobAccepted> submit(@RequestBody byte[] body, Caller caller) {
    return switch (submissions.submit(JsonBodies.tree(body), caller)) {
      case SubmitOutcome.Accepted accepted -> {
        JobId jobId = accepted.command().jobId();
        yield ResponseEntity.accepted()
            .location(URI.create(IngestWebConfiguration.API_BASE + "/jobs/" + jobId))
            .body(new JobAccepted(jobId.value(), JobStatus.PENDING.wireName()));
      }
      case SubmitOutcome.Invalid invalid ->
          throw new ApiProblem.Invalid(
              "The job was not accepted: fix the fields named in errors.", invalid.errors());
    };
  }

  @GetMapping(path = "/{jobId}", produces = MediaType.APPLICATION_JSON_VALUE)
  JobView job(@PathVariable UUID jobId, Caller caller) {
    return reads.job(new JobId(jobId), caller).orElseThrow(() -> noSuchJob(jobId));
  }

  @GetMapping("/{jobId}/artifacts/{artifactId}")
  ResponseEntity<Resource> artifact(@PathVariable UUID jobId, @PathVariable UUID artifactId, Caller caller) {
    ArtifactContent content =
        reads
            .artifact(new JobId(jobId), artifactId, caller)
            .orElseThrow(
                () ->
                    new ApiProblem.NotFound(
                        "Job " + jobId + " has no artifact " + artifactId
                            + " that this API key may read, or its file is gone."));
    Resource body =
        switch (content) {
          case ArtifactContent.StoredFile file -> new FileSystemResource(file.path());
          case ArtifactContent.Inline inline -> new ByteArrayResource(inline.bytes());
        };
    return ResponseEntity.ok()
        .contentType(mediaType(content.mimeType()))
        .contentLength(content.length())
        // Artifacts are page content (HTML among them): never let a browser run it on the API's origin.
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "sandbox")
        .body(body);
  }

  private static ApiProblem.NotFound noSuchJob(UUID jobId) {
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
