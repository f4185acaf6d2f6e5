package dev.browserfleet.ingest.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The artifact directory, read-only. Row paths are relative to it; a path that escapes it, by
 * {@code ..}, by being absolute or through a symbolic link, is treated as missing, so that a
 * tampered row cannot serve any other file of the host.
 */
public final class ArtifactStore {

  private final Path root;

  public ArtifactStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The regular file at {@code relativePath} inside the directory, if there is one. */
  public Optional<Path> locate(String relativePath) {
    if (relativePath == null || relativePath.isBlank()) {
      return Optional.empty();
    }
    Path relative;
    try {
      relative = Path.of(relativePath);
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    if (relative.isAbsolute()) {
      return Optional.empty();
    }
    Path candidate = root.resolve(relative).normalize();
    if (!candidate.startsWith(root) || !Files.isRegularFile(candidate)) {
      return Optional.empty();
    }
    try {
      Path real = candidate.toRealPath();
      return real.startsWith(root.toRealPath()) ? Optional.of(real) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
