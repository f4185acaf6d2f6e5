package dev.browserfleet.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Artifacts as files under one directory, {@code <root>/<key>}: the store of one machine, where
 * the workers and the API share a disk. Each file is written to a temporary file beside it and
 * moved into place atomically, so a reader never sees a partial file under an artifact's key. A key
 * that resolves outside the directory, also through a symbolic link, is treated as missing.
 */
public final class DirectoryArtifactStore implements ArtifactStore {

  private static final Logger log = LoggerFactory.getLogger(DirectoryArtifactStore.class);

  private final Path root;

  public DirectoryArtifactStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  @Override
  public Written write(String key, InputStream content, String contentType) {
    Path target = root.resolve(ArtifactKeys.require(key));
    MessageDigest digest = Sha256.digest();
    long size;
    try {
      Files.createDirectories(target.getParent());
      Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
      try {
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), digest)) {
          size = content.transferTo(out);
        }
        move(partial, target);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not store artifact " + key + " under " + root, e);
    }
    return new Written(key, size, Sha256.hex(digest));
  }

  @Override
  public Optional<Stored> open(String key) {
    return locate(key).flatMap(file -> {
      try {
        return Optional.of(new Stored(Files.size(file), Files.newInputStream(file)));
      } catch (NoSuchFileException e) {
        return Optional.empty(); // deleted by retention between the lookup and now
      } catch (IOException e) {
        throw new UncheckedIOException("could not read artifact file " + file, e);
      }
    });
  }

  @Override
  public void delete(String key) {
    Optional<Path> found = locate(key);
    if (found.isEmpty()) {
      return;
    }
    Path file = found.get();
    try {
      Files.deleteIfExists(file);
      Path jobDir = file.getParent();
      if (!jobDir.equals(root.toRealPath()) && Files.isDirectory(jobDir)) {
        try (var left = Files.list(jobDir)) {
          if (left.findAny().isEmpty()) {
            Files.deleteIfExists(jobDir);
          }
        }
      }
    } catch (IOException e) {
      // Another deletion of the same job may have emptied or removed the directory first.
      log.debug("could not delete artifact file {}: {}", file, e.toString());
    }
  }

  @Override
  public Optional<URI> presignedDownload(String key, Duration ttl, String contentType, String contentDisposition) {
    return Optional.empty();
  }

  @Override
  public String describe() {
    return "directory " + root;
  }

  /** The regular file of {@code key} inside the directory, if there is one. */
  private Optional<Path> locate(String key) {
    if (!ArtifactKeys.isValid(key)) {
      return Optional.empty();
    }
    Path candidate = root.resolve(key).normalize();
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

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory, so this happens only on exotic file systems; a plain rename is still one step.
      Files.move(from, to);
    }
  }
}
