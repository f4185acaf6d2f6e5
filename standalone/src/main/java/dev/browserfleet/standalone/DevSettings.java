package dev.browserfleet.standalone;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The dev launcher's settings, from environment variables (README, "Configuration"). Anything else
 * is passed through to Spring as usual ({@code --key=value}, or the service's own variables).
 */
record DevSettings(
    Path dataDir,
    int httpPort,
    int kafkaPort,
    Optional<String> externalKafka,
    Optional<String> dbUrl,
    String dbUser,
    String dbPassword,
    boolean allowPrivateTargets,
    Optional<String> adminKey,
    Services services) {

  /** Which services the launcher runs ({@code BF_SERVICES}). */
  enum Services {
    /** All four: the default. */
    ALL("all"),
    /** The ingest-api alone, for benchmarking submissions without the consumers. */
    INGEST_API("ingest-api");

    final String wireName;

    Services(String wireName) {
      this.wireName = wireName;
    }

    static Services of(String value) {
      if (value == null || value.isBlank()) {
        return ALL;
      }
      for (Services services : values()) {
        if (services.wireName.equals(value.trim())) {
          return services;
        }
      }
      throw new IllegalArgumentException("BF_SERVICES must be 'all' or 'ingest-api', not '" + value + "'");
    }
  }

  static DevSettings from(Map<String, String> env) {
    return new DevSettings(
        Path.of(env.getOrDefault("BF_DATA_DIR", "./.browserfleet")).toAbsolutePath().normalize(),
        port(env, "BF_HTTP_PORT", 8080),
        port(env, "BF_KAFKA_PORT", 9092),
        Optional.ofNullable(blankToNull(env.get("BF_KAFKA_BOOTSTRAP"))),
        Optional.ofNullable(blankToNull(env.get("BF_DB_URL"))),
        env.getOrDefault("BF_DB_USER", "browserfleet"),
        env.getOrDefault("BF_DB_PASSWORD", "browserfleet"),
        Boolean.parseBoolean(env.getOrDefault("BF_ALLOW_PRIVATE_TARGETS", "true")),
        Optional.ofNullable(blankToNull(env.get("BF_ADMIN_KEY"))),
        Services.of(env.get("BF_SERVICES")));
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
