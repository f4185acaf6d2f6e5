package dev.browserfleet.artifacts;

import java.net.URI;
import java.util.Objects;

/**
 * How to reach an S3-compatible store: AWS itself (no endpoint), MinIO, Ceph, R2 or any other.
 *
 * @param endpoint the service's URL, or {@code null} for AWS's own endpoint of {@code region}
 * @param region the signing region ({@code us-east-1} suits most S3-compatible servers)
 * @param bucket the bucket; created at start when it does not exist yet
 * @param accessKey with {@code secretKey}, static credentials; both blank for the SDK's default
 *     chain (environment, profile, instance or pod role)
 * @param pathStyle {@code http://host/bucket/key} rather than {@code http://bucket.host/key}: what
 *     MinIO and most self-hosted servers need
 * @param prefix put before every key (no leading slash), so that one bucket can serve several
 *     systems; may be empty
 * @param partSizeBytes the bounded part a write holds in memory: an artifact larger than one part
 *     is uploaded in parts of this size (at least 5 MiB, S3's smallest part)
 */
public record S3Settings(
    URI endpoint,
    String region,
    String bucket,
    String accessKey,
    String secretKey,
    boolean pathStyle,
    String prefix,
    int partSizeBytes) {

  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

  public S3Settings {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(bucket, "bucket");
    if (bucket.isBlank()) {
      throw new IllegalArgumentException("the S3 bucket must be named (BF_S3_BUCKET)");
    }
    accessKey = accessKey == null ? "" : accessKey;
    secretKey = secretKey == null ? "" : secretKey;
    if (accessKey.isBlank() != secretKey.isBlank()) {
      throw new IllegalArgumentException("give both BF_S3_ACCESS_KEY and BF_S3_SECRET_KEY, or neither");
    }
    prefix = prefix == null ? "" : prefix.replaceAll("^/+", "");
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
    if (partSizeBytes < MIN_PART_SIZE) {
      throw new IllegalArgumentException("the S3 part size must be at least 5 MiB, not " + partSizeBytes + " bytes");
    }
  }

  /** Never the secret key. */
  @Override
  public String toString() {
    return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", accessKey="
        + (accessKey.isBlank() ? "(default chain)" : accessKey) + ", pathStyle=" + pathStyle + ", prefix=" + prefix
        + ", partSizeBytes=" + partSizeBytes + "]";
  }
}
