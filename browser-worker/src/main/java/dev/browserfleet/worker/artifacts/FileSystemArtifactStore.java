package dev.browserfleet.worker.artifacts;

import dev.browserfleet.contracts.ArtifactType;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.event.Artifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Keeps artifacts as files {@code <root>/<jobId>/<artifactId>.<ext>}. Each is written to a
 * temporary file in the same directory and moved into place atomically, so a reader never sees a
 * partial file under an artifact's name.
 */
public final class FileSystemArtifactStore implements ArtifactStore {

  private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,10}");

  private final Path root;

  public FileSystemArtifactStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The file of an artifact whose relative path an event carries. */
  public Path resolve(String relativePath) {
    Path file = root.resolve(relativePath).normalize();
    if (!file.startsWith(root)) {
      throw new IllegalArgumentException("artifact path escapes the store: " + relativePath);
    }
    return file;
  }

  @Override
  public Artifact store(
      JobId jobId, ArtifactType type, String extension, String mimeType, byte[] bytes, Integer actionIndex) {
    if (!EXTENSION.matcher(extension).matches()) {
      throw new IllegalArgumentException("not a file extension: " + extension);
    }
    UUID id = UUID.randomUUID();
    String relative = jobId + "/" + id + "." + extension;
    Path target = root.resolve(relative);
    try {
      Files.createDirectories(target.getParent());
      Path partial = Files.createTempFile(target.getParent(), "." + id, ".partial");
      try {
        Files.write(partial, bytes);
        move(partial, target);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not store artifact " + relative + " under " + root, e);
    }
    return new Artifact(id, type, relative, mimeType, bytes.length, sha256(bytes), actionIndex);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory, so this happens only on exotic file systems; a plain rename is still one step.
      Files.move(from, to);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
