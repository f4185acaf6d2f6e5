package dev.browserfleet.ingest.job;

import java.nio.file.Path;

/** The bytes of an artifact, ready to be sent. */
public sealed interface ArtifactContent {

  String mimeType();

  long length();

  /** A file inside the artifact directory. */
  record StoredFile(Path path, String mimeType, long length) implements ArtifactContent {}

  /** Bytes kept in {@code job_artifacts.file_data}. */
  record Inline(byte[] bytes, String mimeType) implements ArtifactContent {

    @Override
    public long length() {
      return bytes.length;
    }
  }
}
