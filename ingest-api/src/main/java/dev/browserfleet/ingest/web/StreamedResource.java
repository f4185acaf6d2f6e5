package dev.browserfleet.ingest.web;

import dev.browserfleet.ingest.job.ArtifactContent;
import org.springframework.core.io.InputStreamResource;

/**
 * An artifact store's object as a response body, sent as it is read. Its length is known from the
 * store, so that Spring need not read the stream to learn it (which would use the stream up).
 */
final class StreamedResource extends InputStreamResource {

  private final long length;

  StreamedResource(ArtifactContent.Streamed streamed) {
    super(streamed.content(), "artifact " + streamed.id());
    this.length = streamed.length();
  }

  @Override
  public long contentLength() {
    return length;
  }
}
