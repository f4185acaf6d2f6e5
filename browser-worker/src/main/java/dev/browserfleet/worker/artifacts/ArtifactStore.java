package dev.browserfleet.worker.artifacts;

import dev.browserfleet.contracts.ArtifactType;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.event.Artifact;

/** Where artifact bytes go. Kafka carries only where they are and what they are. */
public interface ArtifactStore {

  /**
   * Stores {@code bytes} as a new artifact of {@code jobId}, completely or not at all.
   *
   * @param extension the file extension, without the dot
   * @param actionIndex the action that produced it, or {@code null}
   * @return the artifact's id, path relative to the store's root, size and SHA-256
   * @throws java.io.UncheckedIOException when it cannot be written
   */
  Artifact store(
      JobId jobId, ArtifactType type, String extension, String mimeType, byte[] bytes, Integer actionIndex);
}
