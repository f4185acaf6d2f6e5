package dev.browserfleet.ingest.job;

import java.io.InputStream;
import java.net.URI;
import java.util.UUID;

/** What a download of an artifact answers: its bytes, where to fetch them, or that they are gone. */
public sealed interface ArtifactContent {

  UUID id();

  /** Bytes to send, with what a download needs to describe them. */
  sealed interface Bytes extends ArtifactContent {

    String artifactType();

    String mimeType();

    long length();

    /** The SHA-256 of the bytes, lower-case hex. */
    String sha256();
  }

  /** An object of the artifact store, open for reading: whoever sends it closes {@code content}. */
  record Streamed(UUID id, String artifactType, String mimeType, long length, String sha256, InputStream content)
      implements Bytes {}

  /** Bytes kept in {@code job_artifacts.file_data}. */
  record Inline(UUID id, String artifactType, byte[] bytes, String mimeType, String sha256) implements Bytes {

    @Override
    public long length() {
      return bytes.length;
    }
  }

  /** A short-lived pre-signed URL of the store's object, for a client to fetch the bytes from. */
  record Presigned(UUID id, String sha256, URI url) implements ArtifactContent {}

  /**
   * The artifact's row is there but its object is not (deleted by retention between the two reads,
   * or lost from the store): it will not come back.
   */
  record Gone(UUID id) implements ArtifactContent {}
}
