package dev.browserfleet.artifacts.config;

import dev.browserfleet.artifacts.S3Settings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where every service finds the artifacts ({@code browserfleet.artifact-store.*}): the same
 * settings in the workers that write, the ingest-api that reads and the projector whose retention
 * deletes.
 *
 * @param type {@code directory} ({@code BF_ARTIFACT_STORE}, the default: {@code
 *     browserfleet.artifact-dir}, one machine) or {@code s3}
 * @param s3 the S3-compatible store, when {@code type} is {@code s3}
 */
@Validated
@ConfigurationProperties("browserfleet.artifact-store")
public record ArtifactStoreProperties(@DefaultValue("directory") @NotNull Type type, @Valid @DefaultValue S3 s3) {

  public enum Type {
    DIRECTORY,
    S3
  }

  /**
   * @param endpoint {@code BF_S3_ENDPOINT}; empty for AWS itself
   * @param region {@code BF_S3_REGION}, default {@code us-east-1}
   * @param bucket {@code BF_S3_BUCKET}, default {@code browserfleet}; created when missing
   * @param accessKey {@code BF_S3_ACCESS_KEY}; with the secret key empty, the SDK's default chain
   * @param secretKey {@code BF_S3_SECRET_KEY}
   * @param pathStyle {@code BF_S3_PATH_STYLE}, default true (MinIO, Ceph and most servers need it)
   * @param prefix {@code BF_S3_PREFIX}, put before every key; default none
   * @param partSize {@code BF_S3_PART_SIZE}: the most of an artifact a write holds in memory; larger
   *     ones go up in parts of this size (at least 5MB)
   * @param presignedDownloads {@code BF_S3_PRESIGNED_DOWNLOADS}: when positive, a download answers
   *     302 with a pre-signed URL valid this long instead of streaming the bytes through the API
   */
  public record S3(
      URI endpoint,
      @DefaultValue("us-east-1") @NotBlank String region,
      @DefaultValue("browserfleet") @NotBlank String bucket,
      String accessKey,
      String secretKey,
      @DefaultValue("true") boolean pathStyle,
      String prefix,
      @DefaultValue("8MB") @NotNull DataSize partSize,
      @DefaultValue("0s") @NotNull Duration presignedDownloads) {

    public S3Settings settings() {
      URI given = endpoint == null || endpoint.toString().isBlank() ? null : endpoint;
      return new S3Settings(given, region, bucket, accessKey, secretKey, pathStyle, prefix,
          Math.toIntExact(partSize.toBytes()));
    }

    /** Never the secret key. */
    @Override
    public String toString() {
      return settings().toString() + " presignedDownloads=" + presignedDownloads;
    }
  }
}
