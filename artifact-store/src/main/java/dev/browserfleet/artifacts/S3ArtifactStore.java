package dev.browserfleet.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Artifacts as objects in an S3-compatible bucket, through the AWS SDK for Java 2.x. A write
 * reads its stream one part at a time ({@link S3Settings#partSizeBytes}): an artifact that fits in
 * one part is one PUT, a larger one a multipart upload, aborted if anything fails, so that no
 * object appears half-written and no whole artifact is held in memory. Checksums are sent only
 * where S3 requires them, since not every S3-compatible server knows the newer checksum headers.
 */
public final class S3ArtifactStore implements ArtifactStore {

  private final S3Settings settings;
  private final S3Client s3;
  private final S3Presigner presigner;

  public S3ArtifactStore(S3Settings settings) {
    this.settings = settings;
    AwsCredentialsProvider credentials = settings.accessKey().isBlank()
        ? DefaultCredentialsProvider.builder().build()
        : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
    S3Configuration service = S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build();
    var client = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(settings.region()))
        .credentialsProvider(credentials)
        .serviceConfiguration(service)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    var presign = S3Presigner.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(credentials)
        .serviceConfiguration(service);
    if (settings.endpoint() != null) {
      client.endpointOverride(settings.endpoint());
      presign.endpointOverride(settings.endpoint());
    }
    this.s3 = client.build();
    this.presigner = presign.build();
  }

  /**
   * Creates the bucket when it does not exist yet, so that a fresh MinIO or the dev server needs no
   * set-up; a bucket that exists, or that these credentials may not create, is left alone.
   *
   * @throws IllegalStateException when the store cannot be reached or refuses these credentials
   */
  public S3ArtifactStore ensureBucket() {
    try {
      s3.headBucket(b -> b.bucket(settings.bucket()));
    } catch (NoSuchBucketException e) {
      createBucket();
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw new IllegalStateException("the artifact bucket " + settings.bucket() + " at " + where()
            + " cannot be used: HTTP " + e.statusCode() + " " + e.awsErrorDetails().errorCode(), e);
      }
      createBucket();
    } catch (SdkException e) {
      throw new IllegalStateException("the artifact store at " + where() + " cannot be reached: " + e.getMessage(), e);
    }
    return this;
  }

  /** Package-private for the test of the race it tolerates. */
  void createBucket() {
    try {
      s3.createBucket(b -> b.bucket(settings.bucket()));
    } catch (BucketAlreadyOwnedByYouException e) {
      // Another process with the same credentials (a second worker starting) made it first: fine.
    } catch (SdkException e) {
      throw new IllegalStateException("the artifact bucket " + settings.bucket() + " does not exist at " + where()
          + " and could not be created: " + e.getMessage(), e);
    }
  }

  @Override
  public Written write(String key, InputStream content, String contentType) {
    String objectKey = objectKey(key);
    MessageDigest digest = Sha256.digest();
    try {
      byte[] first = content.readNBytes(settings.partSizeBytes());
      digest.update(first);
      if (first.length < settings.partSizeBytes()) {
        s3.putObject(b -> b.bucket(settings.bucket()).key(objectKey).contentType(contentType),
            RequestBody.fromBytes(first));
        return new Written(key, first.length, Sha256.hex(digest));
      }
      long size = multipart(objectKey, contentType, first, content, digest);
      return new Written(key, size, Sha256.hex(digest));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read artifact " + key + " while storing it", e);
    } catch (SdkException e) {
      throw new UncheckedIOException(
          "could not store artifact " + key + " in " + describe(), new IOException(e.getMessage(), e));
    }
  }

  private long multipart(String objectKey, String contentType, byte[] first, InputStream rest, MessageDigest digest)
      throws IOException {
    String uploadId = s3.createMultipartUpload(
        b -> b.bucket(settings.bucket()).key(objectKey).contentType(contentType)).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      long size = 0;
      byte[] part = first;
      while (part.length > 0) {
        int number = parts.size() + 1;
        byte[] body = part;
        String etag = s3.uploadPart(
            b -> b.bucket(settings.bucket()).key(objectKey).uploadId(uploadId).partNumber(number)
                .contentLength((long) body.length),
            RequestBody.fromBytes(body)).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        size += body.length;
        part = rest.readNBytes(settings.partSizeBytes());
        digest.update(part);
      }
      s3.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(objectKey).uploadId(uploadId)
          .multipartUpload(m -> m.parts(parts)));
      return size;
    } catch (IOException | RuntimeException e) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(objectKey).uploadId(uploadId));
      } catch (SdkException abort) {
        e.addSuppressed(abort);
      }
      throw e;
    }
  }

  @Override
  public Optional<Stored> open(String key) {
    if (!ArtifactKeys.isValid(key)) {
      return Optional.empty();
    }
    try {
      ResponseInputStream<GetObjectResponse> object =
          s3.getObject(b -> b.bucket(settings.bucket()).key(objectKey(key)));
      return Optional.of(new Stored(object.response().contentLength(), object));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw new UncheckedIOException(
          "could not read artifact " + key + " from " + describe(), new IOException(e.getMessage(), e));
    }
  }

  @Override
  public void delete(String key) {
    if (ArtifactKeys.isValid(key)) {
      s3.deleteObject(b -> b.bucket(settings.bucket()).key(objectKey(key)));
    }
  }

  @Override
  public Optional<URI> presignedDownload(String key, Duration ttl, String contentType, String contentDisposition) {
    if (!ArtifactKeys.isValid(key)) {
      return Optional.empty();
    }
    var request = presigner.presignGetObject(p -> p.signatureDuration(ttl).getObjectRequest(
        g -> g.bucket(settings.bucket()).key(objectKey(key))
            .responseContentType(contentType).responseContentDisposition(contentDisposition)));
    try {
      return Optional.of(request.url().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("the SDK made an invalid URL: " + request.url(), e);
    }
  }

  @Override
  public String describe() {
    return "S3 bucket " + settings.bucket() + " at " + where() + (settings.prefix().isEmpty() ? "" : ", prefix " + settings.prefix());
  }

  private String where() {
    return settings.endpoint() == null ? "AWS " + settings.region() : settings.endpoint().toString();
  }

  private String objectKey(String key) {
    return settings.prefix() + ArtifactKeys.require(key);
  }

  @Override
  public void close() {
    presigner.close();
    s3.close();
  }
}
