package dev.browserfleet.worker.artifacts;

import dev.browserfleet.contracts.ArtifactType;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.event.Artifact;
import java.io.ByteArrayInputStream;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The worker's artifacts in the system's artifact store (a directory or S3), under the key {@code
 * <jobId>/<artifactId>.<ext>}: the path the event carries and the API reads back. The store
 * streams the bytes and reports the size and SHA-256 it read.
 */
public final class StoredArtifacts implements ArtifactStore {

  private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,10}");

  private final dev.browserfleet.artifacts.ArtifactStore store;

  public StoredArtifacts(dev.browserfleet.artifacts.ArtifactStore store) {
    this.store = store;
  }

  @Override
  public Artifact store(
      JobId jobId, ArtifactType type, String extension, String mimeType, byte[] bytes, Integer actionIndex) {
    if (!EXTENSION.matcher(extension).matches()) {
      throw new IllegalArgumentException("not a file extension: " + extension);
    }
    UUID id = UUID.randomUUID();
    var written = store.write(jobId + "/" + id + "." + extension, new ByteArrayInputStream(bytes), mimeType);
    return new Artifact(id, type, written.key(), mimeType, written.sizeBytes(), written.sha256(), actionIndex);
  }
}
