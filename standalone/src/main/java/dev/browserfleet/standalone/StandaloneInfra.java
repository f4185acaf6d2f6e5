package dev.browserfleet.standalone;

import dev.browserfleet.devstack.EmbeddedKafka;
import dev.browserfleet.devstack.EmbeddedPostgresServer;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/browserfleet broker}, {@code postgres} and {@code s3}: the dev stack's embedded Kafka
 * broker (on {@code BF_KAFKA_PORT}), PostgreSQL (on {@code BF_PG_PORT}) or S3-compatible store (on
 * {@code BF_S3_PORT}) in a process of its own, with its data under {@code BF_DATA_DIR}, so that it can be stopped and started while the
 * services keep running against it ({@code BF_KAFKA_BOOTSTRAP}, {@code BF_DB_URL}). It runs until the
 * process is stopped; SIGTERM or Ctrl-C stop it cleanly.
 */
final class StandaloneInfra {

  private static final Logger log = LoggerFactory.getLogger(StandaloneInfra.class);

  private StandaloneInfra() {}

  static boolean handles(String command) {
    return command.equals("broker") || command.equals("postgres") || command.equals("s3");
  }

  static void run(String command, DevSettings settings) {
    AutoCloseable resource;
    String ready;
    try {
      if (command.equals("broker")) {
        var kafka = EmbeddedKafka.start(settings.kafkaPort(), settings.dataDir().resolve("kafka"), EmbeddedKafka.QUICK_RESTART_SESSION_TIMEOUT);
        resource = kafka;
        ready = "Kafka broker ready: BF_KAFKA_BOOTSTRAP=" + kafka.bootstrapServers() + "  (data in "
            + settings.dataDir().resolve("kafka") + ")";
      } else if (command.equals("s3")) {
        var server = DevS3.start(settings);
        resource = server;
        ready = "S3-compatible store ready: " + DevS3.environment(settings.s3(), server) + "  (objects in "
            + server.blobs() + ")";
      } else {
        var postgres = EmbeddedPostgresServer.start(settings.dataDir().resolve("postgres"), settings.postgresPort());
        postgres.createDatabase("browserfleet");
        resource = postgres;
        ready = "PostgreSQL ready: BF_DB_URL=" + postgres.jdbcUrl("browserfleet") + " BF_DB_USER="
            + EmbeddedPostgresServer.USER + " BF_DB_PASSWORD=  (data in " + settings.dataDir().resolve("postgres") + ")";
      }
    } catch (RuntimeException e) {
      log.error("The {} could not start: {}", command, e.getMessage(), e);
      System.exit(1);
      return;
    }
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("Could not stop the {} cleanly: {}", command, e.toString());
      }
      stopped.countDown();
    }, "browserfleet-" + command + "-stop"));
    System.out.println(ready);
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
