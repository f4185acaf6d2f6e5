package dev.browserfleet.ingest.web;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.reference.ApiKeyScope;
import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.ingest.job.ArtifactContent;
import dev.browserfleet.ingest.job.ArtifactFileNames;
import dev.browserfleet.ingest.job.ArtifactSummary;
import dev.browserfleet.ingest.job.JobReads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A job's artifacts: the list (metadata only) and the bytes of each. */
@RestController("ingestJobArtifactController")
@RequiresScope(ApiKeyScope.JOBS_READ)
@RequestMapping(IngestWebConfiguration.API_BASE + "/jobs/{jobId}/artifacts")
@Tag(name = ApiTags.ARTIFACTS)
class JobArtifactController {

  record Items<T>(List<T> items) {}

  private final JobReads reads;

  JobArtifactController(JobReads reads) {
    this.reads = reads;
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "List a job's artifacts", description = "Type, MIME type, size and SHA-256 of each; never the bytes.")
  @ApiResponse(responseCode = "200", description = "The artifacts, oldest first.")
  @ApiResponse(responseCode = "400", description = "The job id is not a UUID.")
  @ApiResponse(responseCode = "404", description = "No such job, or another client's.")
  Items<ArtifactSummary> artifacts(@PathVariable UUID jobId, Caller caller) {
    return new Items<>(reads.artifacts(new JobId(jobId), caller).orElseThrow(() -> JobController.noSuchJob(jobId)));
  }

  @GetMapping("/{artifactId}")
  @Operation(
      summary = "Download an artifact",
      description = "The bytes, streamed from the artifact store, with Content-Type, Content-Length, Content-Disposition"
          + " and the SHA-256 as ETag; or, where pre-signed downloads are configured, a 302 to a short-lived URL of the store.")
  @ApiResponse(
      responseCode = "200",
      description = "The artifact's bytes.",
      content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
  @ApiResponse(responseCode = "302", description = "Pre-signed downloads: Location is a short-lived URL of the bytes in the store.")
  @ApiResponse(responseCode = "304", description = "If-None-Match matched the artifact's ETag.")
  @ApiResponse(responseCode = "400", description = "A job or artifact id is not a UUID.")
  @ApiResponse(responseCode = "404", description = "No such artifact of a job this key may see.")
  @ApiResponse(responseCode = "410", description = "The artifact's row is there but its bytes are no longer in the store.")
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
