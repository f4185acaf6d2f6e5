package dev.browserfleet.worker.support;

import dev.browserfleet.artifacts.DirectoryArtifactStore;
import dev.browserfleet.contracts.ArtifactType;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.event.Artifact;
import dev.browserfleet.worker.artifacts.ArtifactStore;
import dev.browserfleet.worker.artifacts.StoredArtifacts;
import java.nio.file.Path;

/** The worker's artifacts in a directory that tests can read the files of. */
public final class ArtifactDirectory implements ArtifactStore {

  private final Path root;
  private final StoredArtifacts store;

  public ArtifactDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.store = new StoredArtifacts(new DirectoryArtifactStore(this.root));
  }

  /** The file of an artifact whose path an event carries. */
  public Path resolve(String relativePath) {
    return root.resolve(relativePath);
  }

  @Override
  public Artifact store(
      JobId jobId, ArtifactType type, String extension, String mimeType, byte[] bytes, Integer actionIndex) {
    return store.store(jobId, type, extension, mimeType, bytes, actionIndex);
  }
}
