package dev.browserfleet.ingest.job;

import java.nio.file.Path;
import java.util.UUID;

/** The bytes of an artifact, ready to be sent, with what a download needs to describe them. */
public sealed interface ArtifactContent {

  UUID id();

  String artifactType();

  String mimeType();

  long length();

  /** The SHA-256 of the bytes, lower-case hex. */
  String sha256();

  /** A file inside the artifact directory. */
  record StoredFile(UUID id, String artifactType, Path path, String mimeType, long length, String sha256)
      implements ArtifactContent {}

  /** Bytes kept in {@code job_artifacts.file_data}. */
  record Inline(UUID id, String artifactType, byte[] bytes, String mimeType, String sha256) implements ArtifactContent {

    @Override
    public long length() {
      return bytes.length;
    }
  }
}
