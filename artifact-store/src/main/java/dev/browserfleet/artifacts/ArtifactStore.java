package dev.browserfleet.artifacts;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where artifact bytes live, by key ({@code <jobId>/<artifactId>.<ext>}, the {@code file_path} of
 * {@code job_artifacts}): a local directory on one machine, S3-compatible object storage once
 * workers and API replicas run on different machines. Workers write, the ingest-api reads,
 * retention deletes; nothing else may assume where the bytes are.
 */
public interface ArtifactStore extends Closeable {

  /**
   * Stores {@code content} under {@code key}, completely or not at all, reading it as a stream:
   * no implementation holds more than one bounded part of it in memory.
   *
   * @return its size and SHA-256, as read
   * @throws java.io.UncheckedIOException when it cannot be stored
   * @throws IllegalArgumentException for a key that is not a plain relative name
   */
  Written write(String key, InputStream content, String contentType);

  /** The object under {@code key}, open for reading; empty when there is none (or it was deleted). */
  Optional<Stored> open(String key);

  /** Deletes the object under {@code key}; nothing happens when there is none. */
  void delete(String key);

  /**
   * A URL that lets anyone holding it download the object for {@code ttl}, where the store can make
   * one (S3); empty for a local directory.
   */
  Optional<URI> presignedDownload(String key, Duration ttl, String contentType, String contentDisposition);

  /** One line for logs and banners: what kind of store and where, never a secret. */
  String describe();

  @Override
  default void close() {}

  /** What {@link #write} stored. {@code sha256} is lower-case hex. */
  record Written(String key, long sizeBytes, String sha256) {}

  /** An object open for reading; the caller closes it. */
  record Stored(long length, InputStream content) implements Closeable {

    @Override
    public void close() throws IOException {
      content.close();
    }
  }
}
