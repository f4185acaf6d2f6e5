package dev.browserfleet.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserfleet.devstack.EmbeddedS3Server;
import dev.browserfleet.testing.SharedInfrastructure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real S3-compatible server (S3Proxy, started once per test JVM), not a mock. */
class S3ArtifactStoreTest extends ArtifactStoreContract {

  private static S3ArtifactStore store;

  @BeforeAll
  static void openStore() {
    store = new S3ArtifactStore(settings(SharedInfrastructure.s3().secretKey(), "")).ensureBucket();
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  private static S3Settings settings(String secretKey, String prefix) {
    EmbeddedS3Server s3 = SharedInfrastructure.s3();
    return new S3Settings(s3.endpoint(), "us-east-1", "store-test", s3.accessKey(), secretKey, true, prefix,
        S3Settings.MIN_PART_SIZE);
  }

  @Override
  ArtifactStore store() {
    return store;
  }

  @Test
  void anArtifactLargerThanAPartIsStreamedUpInPartsNeverWhole() throws Exception {
    long size = 2L * S3Settings.MIN_PART_SIZE + 12_345; // three parts, the last one short
    String key = newKey("pdf");
    var source = new CountingPattern(size);

    var written = store.write(key, source, "application/pdf");

    assertThat(written.sizeBytes()).isEqualTo(size);
    assertThat(source.largestRead).isLessThanOrEqualTo(S3Settings.MIN_PART_SIZE);
    assertThat(written.sha256()).isEqualTo(CountingPattern.sha256(size));
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (var stored = store.open(key).orElseThrow()) {
      assertThat(stored.length()).isEqualTo(size);
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = stored.content().read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(written.sha256());
  }

  @Test
  void aPresignedUrlDownloadsTheObjectWithoutCredentials() throws Exception {
    String key = newKey("png");
    store.write(key, new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)), "image/png");

    URI url = store.presignedDownload(key, Duration.ofMinutes(1), "image/png", "attachment; filename=\"a.png\"")
        .orElseThrow();

    try (var http = HttpClient.newHttpClient()) {
      var response = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("abc");
      var unsigned = http.send(HttpRequest.newBuilder(URI.create(url.toString().replaceAll("\\?.*", ""))).build(),
          HttpResponse.BodyHandlers.discarding());
      assertThat(unsigned.statusCode()).isEqualTo(403);
    }
  }

  @Test
  void aPrefixKeepsTheKeysOfOneSystemApartInASharedBucket() throws IOException {
    String key = newKey("json");
    try (var prefixed = new S3ArtifactStore(settings(SharedInfrastructure.s3().secretKey(), "system-a")).ensureBucket()) {
      prefixed.write(key, new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), "application/json");

      assertThat(read(prefixed, key)).asString(StandardCharsets.UTF_8).isEqualTo("{}");
      assertThat(store.open(key)).isEmpty();
      assertThat(read(store, "system-a/" + key)).asString(StandardCharsets.UTF_8).isEqualTo("{}");
    }
  }

  @Test
  void wrongCredentialsFailAtStartAndOnWriteWithAClearMessage() {
    try (var wrong = new S3ArtifactStore(settings("not-the-secret", ""))) {
      assertThatThrownBy(wrong::ensureBucket)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("store-test").hasMessageContaining("403");
      assertThatThrownBy(() -> wrong.write(newKey("png"), new ByteArrayInputStream(new byte[1]), "image/png"))
          .isInstanceOf(UncheckedIOException.class).hasMessageContaining("could not store artifact");
    }
  }

  @Test
  void aBucketThatAnotherProcessCreatedFirstIsNoReasonToFail() {
    EmbeddedS3Server s3 = SharedInfrastructure.s3();
    var settings = new S3Settings(s3.endpoint(), "us-east-1", SharedInfrastructure.newBucket("race"), s3.accessKey(),
        s3.secretKey(), true, "", S3Settings.MIN_PART_SIZE);
    try (var first = new S3ArtifactStore(settings); var second = new S3ArtifactStore(settings)) {
      first.ensureBucket();

      // What the second of two workers starting together meets: the bucket was missing when it
      // looked, and is there when it creates it.
      second.createBucket();

      second.write(newKey("png"), new ByteArrayInputStream(new byte[] {1}), "image/png");
    }
  }

  @Test
  void describingTheStoreNamesBucketAndEndpointButNoSecret() {
    assertThat(store.describe()).contains("store-test", SharedInfrastructure.s3().endpoint().toString())
        .doesNotContain(SharedInfrastructure.s3().secretKey());
  }

  /** A long stream of a repeating pattern, made as it is read; notes the largest single read. */
  static final class CountingPattern extends InputStream {
    private final long size;
    private long position;
    int largestRead;

    CountingPattern(long size) {
      this.size = size;
    }

    static String sha256(long size) throws Exception {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      var pattern = new CountingPattern(size);
      byte[] buffer = new byte[8192];
      for (int n; (n = pattern.read(buffer, 0, buffer.length)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public int read() {
      return position < size ? (int) (position++ % 251) : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - position);
      largestRead = Math.max(largestRead, len);
      for (int i = 0; i < n; i++) {
        b[off + i] = (byte) (position++ % 251);
      }
      return n;
    }
  }
}
