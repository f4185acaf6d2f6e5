package dev.browserfleet.standalone;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dev launcher's settings, from environment variables (README, "Configuration"). Anything else
 * is passed through to Spring as usual ({@code --key=value}, or the service's own variables).
 */
record DevSettings(
    Path dataDir,
    int httpPort,
    int kafkaPort,
    int postgresPort,
    Optional<String> externalKafka,
    Optional<String> dbUrl,
    String dbUser,
    String dbPassword,
    boolean allowPrivateTargets,
    Optional<String> adminKey,
    Set<Service> services,
    String instanceName,
    Optional<String> webhookSecretKey,
    S3 s3) {

  /**
   * The S3-compatible artifact store, when {@code BF_ARTIFACT_STORE=s3}: with no {@code
   * BF_S3_ENDPOINT} the launcher starts one (S3Proxy) on {@code BF_S3_PORT}, default 9000, with
   * its objects under {@code BF_DATA_DIR/s3}.
   */
  record S3(boolean enabled, Optional<String> endpoint, int port, String bucket, String accessKey,
      Optional<String> secretKey) {

    boolean embedded() {
      return enabled && endpoint.isEmpty();
    }

    static S3 from(Map<String, String> env) {
      return new S3(
          "s3".equalsIgnoreCase(env.getOrDefault("BF_ARTIFACT_STORE", "directory").trim()),
          Optional.ofNullable(blankToNull(env.get("BF_S3_ENDPOINT"))),
          DevSettings.port(env, "BF_S3_PORT", 9000),
          env.getOrDefault("BF_S3_BUCKET", "browserfleet"),
          Optional.ofNullable(blankToNull(env.get("BF_S3_ACCESS_KEY"))).orElse("browserfleet"),
          Optional.ofNullable(blankToNull(env.get("BF_S3_SECRET_KEY"))));
    }

    @Override
    public String toString() {
      return "S3[enabled=" + enabled + ", endpoint=" + endpoint + ", port=" + port + ", bucket=" + bucket + "]";
    }
  }

  /** One of the four services the launcher can run ({@code BF_SERVICES} names a subset). */
  enum Service {
    INGEST_API("ingest-api"),
    DISPATCHER("dispatcher"),
    PROJECTOR("projector"),
    WORKER("worker");

    final String wireName;

    Service(String wireName) {
      this.wireName = wireName;
    }
  }

  /**
   * Parses {@code BF_SERVICES}: {@code all} (the default) or a comma-separated subset of
   * {@code ingest-api,dispatcher,projector,worker}, so that each service can run, and be killed,
   * in a process of its own against a shared broker and database.
   */
  static Set<Service> services(String value) {
    if (value == null || value.isBlank() || value.trim().equals("all")) {
      return EnumSet.allOf(Service.class);
    }
    var chosen = EnumSet.noneOf(Service.class);
    for (String name : value.split(",")) {
      String trimmed = name.trim();
      Service service = Arrays.stream(Service.values())
          .filter(s -> s.wireName.equals(trimmed))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException(
              "BF_SERVICES must be 'all' or a comma-separated subset of ingest-api,dispatcher,projector,worker, not '"
                  + value + "'"));
      chosen.add(service);
    }
    return chosen;
  }

  boolean runs(Service service) {
    return services.contains(service);
  }

  boolean runsAll() {
    return services.size() == Service.values().length;
  }

  static DevSettings from(Map<String, String> env) {
    Path dataDir = Path.of(env.getOrDefault("BF_DATA_DIR", "./.browserfleet")).toAbsolutePath().normalize();
    return new DevSettings(
        dataDir,
        port(env, "BF_HTTP_PORT", 8080),
        port(env, "BF_KAFKA_PORT", 9092),
        port(env, "BF_PG_PORT", 5432),
        Optional.ofNullable(blankToNull(env.get("BF_KAFKA_BOOTSTRAP"))),
        Optional.ofNullable(blankToNull(env.get("BF_DB_URL"))),
        env.getOrDefault("BF_DB_USER", "browserfleet"),
        env.getOrDefault("BF_DB_PASSWORD", "browserfleet"),
        Boolean.parseBoolean(env.getOrDefault("BF_ALLOW_PRIVATE_TARGETS", "true")),
        Optional.ofNullable(blankToNull(env.get("BF_ADMIN_KEY"))),
        services(env.get("BF_SERVICES")),
        // One dispatcher per data directory (its state store lives there), so the directory names
        // it for static membership: a dev system killed and started again is running at once
        // instead of after the dead member's session timeout.
        env.getOrDefault("BF_INSTANCE_NAME", "dev-" + Integer.toHexString(dataDir.toString().hashCode())),
        Optional.ofNullable(blankToNull(env.get("BF_WEBHOOK_SECRET_KEY"))),
        S3.from(env));
  }

  @Override
  public String toString() {
    // Never the admin key or the webhook key, whatever prints this record.
    return "DevSettings[dataDir=" + dataDir + ", httpPort=" + httpPort + ", kafkaPort=" + kafkaPort
        + ", services=" + services + ", instanceName=" + instanceName + ", s3=" + s3 + "]";
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number 0-65535, not '" + value + "'");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
