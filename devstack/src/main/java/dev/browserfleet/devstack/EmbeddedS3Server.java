package dev.browserfleet.devstack;

import dev.browserfleet.reaper.Reaper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3-compatible server on this machine, without Docker: S3Proxy (Apache 2.0, from Maven
 * Central) over its file-system backend, in a JVM of its own on a loopback port. S3Proxy rather
 * than a mock: it checks AWS Signature V4 against the credentials it was given (so wrong
 * credentials fail as they would on AWS or MinIO), and serves multipart uploads and pre-signed
 * URLs. It starts in about 3 s.
 *
 * <p>The process carries this JVM's {@link Reaper} mark, so it ends with the JVM however the JVM
 * ends, SIGKILL included; {@link #close} stops it sooner.
 */
public final class EmbeddedS3Server implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedS3Server.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final URI endpoint;
  private final String accessKey;
  private final String secretKey;
  private final Path directory;

  private EmbeddedS3Server(Process process, URI endpoint, String accessKey, String secretKey, Path directory) {
    this.process = process;
    this.endpoint = endpoint;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.directory = directory;
  }

  /**
   * Starts the server on {@code port} of 127.0.0.1 (0: a free one), keeping its objects under
   * {@code directory/blobs}; a {@code null} directory is a temporary one, removed with the JVM.
   */
  public static EmbeddedS3Server start(int port, Path directory, String accessKey, String secretKey) {
    try {
      Path dir = directory != null
          ? Files.createDirectories(directory)
          : Reaper.ofThisJvm().newDirectory(Path.of(System.getProperty("java.io.tmpdir")), "s3");
      Path blobs = Files.createDirectories(dir.resolve("blobs"));
      Path jar = extractJar(dir);
      int chosen = port != 0 ? port : freePort();
      URI endpoint = URI.create("http://127.0.0.1:" + chosen);
      Path config = dir.resolve("s3proxy.conf");
      Files.deleteIfExists(config);
      // It holds the secret: readable by this user alone.
      Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(config, String.join("\n",
          "s3proxy.endpoint=" + endpoint,
          "s3proxy.authorization=aws-v2-or-v4",
          "s3proxy.identity=" + accessKey,
          "s3proxy.credential=" + secretKey,
          "jclouds.provider=filesystem",
          "jclouds.filesystem.basedir=" + blobs,
          ""));
      String java = ProcessHandle.current().info().command().orElse("java");
      var builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
              "-jar", jar.toString(), "--properties", config.toString()))
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("s3proxy.log").toFile());
      Process process = Reaper.ofThisJvm().enlist(builder).start();
      var server = new EmbeddedS3Server(process, endpoint, accessKey, secretKey, dir);
      try {
        server.awaitListening();
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      log.info("S3-compatible server (S3Proxy) listening on {}, objects in {}", endpoint, blobs);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the S3-compatible server", e);
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  /** Where it keeps its objects, one directory per bucket. */
  public Path blobs() {
    return directory.resolve("blobs");
  }

  public long pid() {
    return process.pid();
  }

  /** Waits for any HTTP answer: an unsigned request is refused, which is enough to know it serves. */
  private void awaitListening() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + " at start; see "
            + directory.resolve("s3proxy.log"));
      }
      try {
        var connection = (HttpURLConnection) endpoint.toURL().openConnection();
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(2000);
        connection.getResponseCode();
        connection.disconnect();
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("S3Proxy did not listen on " + endpoint + " within " + START_TIMEOUT);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while S3Proxy started", e);
        }
      }
    }
  }

  private static Path extractJar(Path dir) throws IOException {
    Path jar = dir.resolve("s3proxy.jar");
    try (InputStream in = EmbeddedS3Server.class.getResourceAsStream("s3proxy.jar")) {
      if (in == null) {
        throw new IllegalStateException("s3proxy.jar is missing from the devstack jar: build it with Maven");
      }
      Path partial = Files.createTempFile(dir, "s3proxy", ".partial");
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    return jar;
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
