package dev.browserfleet.standalone;

import dev.browserfleet.devstack.EmbeddedS3Server;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The S3-compatible store of {@code bin/browserfleet dev} with {@code BF_ARTIFACT_STORE=s3} and no
 * {@code BF_S3_ENDPOINT}: S3Proxy on {@code BF_S3_PORT} of 127.0.0.1, objects under {@code
 * BF_DATA_DIR/s3}, with the access key {@code BF_S3_ACCESS_KEY} (default {@code browserfleet}) and
 * the secret {@code BF_S3_SECRET_KEY}, or a new random one at each start (the banner shows it, as
 * it shows the admin key, for the workers of other processes).
 */
final class DevS3 {

  private DevS3() {}

  static EmbeddedS3Server start(DevSettings settings) {
    DevSettings.S3 s3 = settings.s3();
    return EmbeddedS3Server.start(s3.port(), settings.dataDir().resolve("s3"), s3.accessKey(),
        s3.secretKey().orElseGet(DevS3::newSecret));
  }

  /** What the services need beyond what they read from the environment themselves. */
  static List<String> arguments(EmbeddedS3Server server) {
    return List.of(
        "--browserfleet.artifact-store.type=s3",
        "--browserfleet.artifact-store.s3.endpoint=" + server.endpoint(),
        "--browserfleet.artifact-store.s3.access-key=" + server.accessKey(),
        "--browserfleet.artifact-store.s3.secret-key=" + server.secretKey());
  }

  /** The environment that points another process (a worker, a second API) at this store. */
  static String environment(DevSettings.S3 s3, EmbeddedS3Server server) {
    return "BF_ARTIFACT_STORE=s3 BF_S3_ENDPOINT=" + server.endpoint() + " BF_S3_BUCKET=" + s3.bucket()
        + " BF_S3_ACCESS_KEY=" + server.accessKey() + " BF_S3_SECRET_KEY=" + server.secretKey();
  }

  static void printBanner(PrintStream out, DevSettings.S3 s3, EmbeddedS3Server server) {
    out.println("  Artifacts:  S3 bucket " + s3.bucket() + " at " + server.endpoint() + " (S3Proxy, objects in "
        + server.blobs() + ")");
    out.println("              access key " + server.accessKey() + ", secret key " + server.secretKey());
    out.println("  A worker in another process stores its artifacts there with:");
    out.println("    " + environment(s3, server) + " bin/browserfleet worker");
  }

  private static String newSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
