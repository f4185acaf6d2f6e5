package dev.browserfleet.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.artifacts.S3ArtifactStore;
import dev.browserfleet.artifacts.S3Settings;
import dev.browserfleet.devstack.EmbeddedS3Server;
import dev.browserfleet.ingest.IngestApiApplication;
import dev.browserfleet.ingest.support.Http;
import dev.browserfleet.ingest.support.ProjectedRows;
import dev.browserfleet.ingest.support.TestEnvironment;
import dev.browserfleet.testing.SharedInfrastructure;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Downloads when the artifacts are in S3-compatible storage (S3Proxy, a real server): the bytes
 * stream through the API with the same headers as from a directory, and an object that is gone
 * answers 410, never 500. An ingest-api of its own, configured as a deployment with no shared disk.
 */
class ArtifactDownloadsFromS3Test {

  private static final String BUCKET = SharedInfrastructure.newBucket("ingest-downloads");
  private static ConfigurableApplicationContext context;
  private static S3ArtifactStore objects;
  private static Http http;
  private static String key;
  private static ProjectedRows rows;

  @BeforeAll
  static void startAnApiOnS3() {
    EmbeddedS3Server s3 = SharedInfrastructure.s3();
    context = new SpringApplicationBuilder(IngestApiApplication.class).run(
        "--server.port=0",
        "--browserfleet.ingest.admin-key=" + TestEnvironment.ADMIN_KEY,
        "--spring.kafka.bootstrap-servers=" + TestEnvironment.kafkaBootstrapServers(),
        "--spring.datasource.url=" + TestEnvironment.jdbcUrl(),
        "--spring.datasource.username=" + TestEnvironment.DB_USER,
        "--spring.datasource.password=" + TestEnvironment.DB_PASSWORD,
        "--browserfleet.data-dir=" + TestEnvironment.artifactDir(),
        "--browserfleet.artifact-store.type=s3",
        "--browserfleet.artifact-store.s3.endpoint=" + s3.endpoint(),
        "--browserfleet.artifact-store.s3.bucket=" + BUCKET,
        "--browserfleet.artifact-store.s3.access-key=" + s3.accessKey(),
        "--browserfleet.artifact-store.s3.secret-key=" + s3.secretKey());
    http = new Http(((WebServerApplicationContext) context).getWebServer().getPort());
    objects = new S3ArtifactStore(new S3Settings(s3.endpoint(), "us-east-1", BUCKET, s3.accessKey(), s3.secretKey(),
        true, "", S3Settings.MIN_PART_SIZE));
    rows = new ProjectedRows(context.getBean(JdbcClient.class));
    awaitHealthy();
    var created = http.postJson("/api/v1/admin/api-keys", TestEnvironment.ADMIN_KEY,
        "{\"clientId\":\"s3-acme\",\"name\":\"s3 downloads\",\"rateLimit\":1000000}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    key = created.json().get("key").asString();
  }

  @AfterAll
  static void stop() {
    if (objects != null) {
      objects.close();
    }
    if (context != null) {
      context.close();
    }
  }

  @Test
  void anArtifactInS3DownloadsWithItsDigestAsETagAndAFileName() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
    UUID jobId = rows.job("s3-acme").insert();
    String objectKey = jobId + "/" + UUID.randomUUID() + ".png";
    var written = objects.write(objectKey, new java.io.ByteArrayInputStream(png), "image/png");
    UUID artifactId = rows.artifactRow(jobId, objectKey, png.length, written.sha256());
    String path = "/api/v1/jobs/" + jobId + "/artifacts/" + artifactId;

    Http.Response download = http.get(path, key);

    assertThat(download.status()).as(download.toString()).isEqualTo(200);
    assertThat(download.bytes()).isEqualTo(png);
    assertThat(download.header("ETag")).isEqualTo("\"" + written.sha256() + "\"");
    assertThat(download.header("Content-Length")).isEqualTo(Integer.toString(png.length));
    assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"screenshot-" + artifactId + ".png\"");
    assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(download.contentType()).startsWith("image/png");
    Http.Response again = http.exchange("GET", path, Map.of("X-API-Key", key, "If-None-Match", download.header("ETag")), null);
    assertThat(again.status()).isEqualTo(304);
  }

  @Test
  void anArtifactWhoseObjectIsGoneIs410AndAnUnknownOneIs404() {
    UUID jobId = rows.job("s3-acme").insert();
    String objectKey = jobId + "/" + UUID.randomUUID() + ".png";
    objects.write(objectKey, new java.io.ByteArrayInputStream(new byte[] {1}), "image/png");
    UUID artifactId = rows.artifactRow(jobId, objectKey, 1, "ab".repeat(32));
    UUID neverStored = rows.artifactRow(jobId, jobId + "/never-stored.png", 1, null);
    objects.delete(objectKey);

    Http.Response gone = http.get("/api/v1/jobs/" + jobId + "/artifacts/" + artifactId, key);
    Http.Response neverThere = http.get("/api/v1/jobs/" + jobId + "/artifacts/" + neverStored, key);
    Http.Response unknown = http.get("/api/v1/jobs/" + jobId + "/artifacts/" + UUID.randomUUID(), key);

    assertThat(gone.status()).as(gone.toString()).isEqualTo(410);
    assertThat(gone.json().get("type").asString()).isEqualTo("https://browserfleet.dev/problems/artifact-gone");
    assertThat(neverThere.status()).as(neverThere.toString()).isEqualTo(410);
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
  }

  @Test
  void aLargeArtifactStreamsThroughTheApiWithItsSha256() throws Exception {
    long size = 2L * S3Settings.MIN_PART_SIZE + 777;
    UUID jobId = rows.job("s3-acme").insert();
    String objectKey = jobId + "/" + UUID.randomUUID() + ".pdf";
    var written = objects.write(objectKey, pattern(size), "application/pdf");
    UUID artifactId = rows.artifactRow(jobId, objectKey, size, written.sha256());

    Http.Response download = http.get("/api/v1/jobs/" + jobId + "/artifacts/" + artifactId, key);

    assertThat(download.status()).as(download.toString()).isEqualTo(200);
    assertThat(download.bytes()).hasSize((int) size);
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(download.bytes())))
        .isEqualTo(written.sha256());
  }

  private static InputStream pattern(long size) {
    return new InputStream() {
      private long position;

      @Override
      public int read() {
        return position < size ? (int) (position++ % 253) : -1;
      }
    };
  }

  private static void awaitHealthy() {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
        .until(() -> {
          Http.Response health = http.get("/actuator/health", null);
          return health.status() == 200 && health.body().contains("\"UP\"");
        });
  }
}
