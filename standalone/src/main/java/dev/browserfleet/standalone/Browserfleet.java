package dev.browserfleet.standalone;

import dev.browserfleet.devstack.EmbeddedKafka;
import dev.browserfleet.devstack.EmbeddedS3Server;
import dev.browserfleet.dispatcher.DispatcherApplication;
import dev.browserfleet.ingest.IngestApiApplication;
import dev.browserfleet.projector.ProjectorApplication;
import dev.browserfleet.worker.BrowserWorkerApplication;
import dev.browserfleet.devstack.EmbeddedPostgresServer;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bin/browserfleet dev}: an embedded Kafka broker (KRaft) on {@code BF_KAFKA_PORT}, an
 * embedded PostgreSQL (unless {@code BF_DB_URL} names one), and all four services in this JVM,
 * with every piece of data under {@code BF_DATA_DIR}. {@code BF_SERVICES} picks a subset of the
 * services for this process; {@code broker} and {@code postgres} as the first argument run the
 * embedded broker or database alone (see {@link StandaloneInfra}).
 */
public final class Browserfleet {

  private static final Logger log = LoggerFactory.getLogger(Browserfleet.class);
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  private final List<AutoCloseable> resources = new ArrayList<>();
  private ConfigurableApplicationContext context;
  private EmbeddedS3Server s3;

  public static void main(String[] args) {
    var devSettings = DevSettings.from(System.getenv());
    if (args.length > 0 && StandaloneInfra.handles(args[0])) {
      StandaloneInfra.run(args[0], devSettings);
      return;
    }
    var launcher = new Browserfleet();
    Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "browserfleet-stop"));
    try {
      String adminKey = launcher.start(devSettings, args);
      if (launcher.awaitReady(READY_TIMEOUT)) {
        printBanner(System.out, devSettings, adminKey);
        if (launcher.s3 != null) {
          DevS3.printBanner(System.out, devSettings.s3(), launcher.s3);
          System.out.flush();
        }
      }
    } catch (RuntimeException e) {
      log.error("Browserfleet could not start: {}", e.getMessage(), e);
      launcher.stop();
      System.exit(1);
    }
  }

  /** Starts the broker, the database and the services; returns the admin key in force. */
  String start(DevSettings settings, String... extraArgs) {
    String bootstrap = settings.externalKafka().orElseGet(() -> {
      var kafka = EmbeddedKafka.start(settings.kafkaPort(), settings.dataDir().resolve("kafka"), EmbeddedKafka.QUICK_RESTART_SESSION_TIMEOUT);
      resources.add(kafka);
      return kafka.bootstrapServers();
    });
    String dbUrl;
    String dbUser;
    String dbPassword;
    if (settings.dbUrl().isPresent()) {
      dbUrl = settings.dbUrl().get();
      dbUser = settings.dbUser();
      dbPassword = settings.dbPassword();
    } else {
      var postgres = EmbeddedPostgresServer.start(settings.dataDir().resolve("postgres"), 0);
      resources.add(postgres);
      postgres.createDatabase("browserfleet");
      dbUrl = postgres.jdbcUrl("browserfleet");
      dbUser = EmbeddedPostgresServer.USER;
      dbPassword = "";
    }
    // Chosen here rather than by the ingest-api so that the banner can show it.
    String adminKey = settings.adminKey().orElseGet(Browserfleet::newAdminKey);
    var args = new ArrayList<String>(List.of(
        "--spring.kafka.bootstrap-servers=" + bootstrap,
        "--spring.datasource.url=" + dbUrl,
        "--spring.datasource.username=" + dbUser,
        "--spring.datasource.password=" + dbPassword,
        "--server.port=" + settings.httpPort(),
        "--browserfleet.data-dir=" + settings.dataDir(),
        "--browserfleet.allow-private-targets=" + settings.allowPrivateTargets(),
        "--browserfleet.ingest.admin-key=" + adminKey,
        "--browserfleet.webhooks.secret-key=" + webhookSecretKey(settings),
        "--browserfleet.dispatcher.instance-id=" + settings.instanceName(),
        "--browserfleet.projector.instance-id=" + settings.instanceName()));
    if (settings.s3().embedded()) {
      s3 = DevS3.start(settings);
      resources.add(s3);
      args.addAll(DevS3.arguments(s3));
    }
    args.addAll(List.of(extraArgs));
    args.addAll(DevEngines.arguments(args, System.getenv(), DevEngines.localDefaults()));
    // Our shutdown hook stops the services before the broker and the database they talk to;
    // Spring's own hook would race it, and the dispatcher could not leave its group in time.
    context = new SpringApplicationBuilder(applicationSources(settings))
        .registerShutdownHook(false)
        .run(args.toArray(String[]::new));
    return adminKey;
  }

  /**
   * All four services run as {@link StandaloneApplication}; a subset ({@code BF_SERVICES}) as the
   * chosen services' own application classes in one context. The schema is migrated whatever the
   * subset: Flyway's scripts are on this jar's classpath, so a process without the projector still
   * finds the tables it reads.
   */
  static Class<?>[] applicationSources(DevSettings settings) {
    if (settings.runsAll()) {
      return new Class<?>[] {StandaloneApplication.class};
    }
    var sources = new ArrayList<Class<?>>();
    sources.add(ServicesApplication.class);
    for (DevSettings.Service service : settings.services()) {
      sources.add(switch (service) {
        case INGEST_API -> IngestApiApplication.class;
        case DISPATCHER -> DispatcherApplication.class;
        case PROJECTOR -> ProjectorApplication.class;
        case WORKER -> BrowserWorkerApplication.class;
      });
    }
    return sources.toArray(Class<?>[]::new);
  }

  /**
   * Waits until /actuator/health is UP, that is until every service says it is ready; false when
   * the launcher was stopped meanwhile.
   */
  boolean awaitReady(Duration timeout) {
    var health = context.getBean(HealthEndpoint.class);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Status.UP.equals(health.health().getStatus())) {
      ConfigurableApplicationContext running = context;
      if (running == null || !running.isActive()) {
        return false; // stopped (a signal) while it started
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Browserfleet was not healthy within " + timeout + ": " + health.health());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for readiness", e);
      }
    }
    return true;
  }

  ConfigurableApplicationContext context() {
    return context;
  }

  synchronized void stop() {
    if (context != null) {
      context.close();
      context = null;
    }
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        log.warn("Could not stop {}: {}", resources.get(i), e.toString());
      }
    }
    resources.clear();
  }

  private static String newAdminKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return "bfa_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * BF_WEBHOOK_SECRET_KEY; else, in a process that runs every service, a key of its data directory.
   * A process with only some services has none then (no webhooks): the ingest-api that encrypts
   * the signing secrets and the projector that sends the callbacks must share one key, and separate
   * processes (containers, hosts) do not share a data directory.
   */
  static String webhookSecretKey(DevSettings settings) {
    return settings.webhookSecretKey().orElseGet(() -> settings.runsAll() ? WebhookKeyFile.in(settings.dataDir()) : "");
  }

  static void printBanner(PrintStream out, DevSettings settings, String adminKey) {
    String api = "http://localhost:" + settings.httpPort();
    // The welcome page, not "/": that one leads people to the console.
    String body = "{\"browserTypeId\":1,\"targetUrl\":\"" + api + "/index.html\",\"actions\":[{\"action\":\"screenshot\"}],\"waitUntil\":\"load\"}";
    out.println();
    out.println(settings.runsAll()
        ? "Browserfleet is ready."
        : "Browserfleet is ready, with only " + settings.services().stream().map(s -> s.wireName).toList()
            + " in this process (BF_SERVICES)"
            + (settings.services().equals(java.util.EnumSet.of(DevSettings.Service.INGEST_API))
                ? ": no dispatcher, projector or worker; submitted jobs stay on bf.job-commands."
                : "."));
    out.println("  API:        " + api + "/api/v1   (health: " + api + "/actuator/health)");
    out.println("  Console:    " + api + "/console/   (sign in with the admin key, or a client's)");
    out.println("  Kafka:      " + settings.externalKafka().orElse("localhost:" + settings.kafkaPort()));
    out.println("  Data:       " + settings.dataDir());
    // A key the operator gave (a container's BF_ADMIN_KEY, from a Secret) stays out of the logs;
    // only a key generated for this start, which nobody else knows, is shown.
    boolean given = settings.adminKey().isPresent();
    String shownKey = given ? "$BF_ADMIN_KEY" : adminKey;
    out.println("  Admin key:  " + (given ? "the one in BF_ADMIN_KEY" : adminKey));
    out.println();
    out.println("Submit a job (it screenshots this server's welcome page):");
    out.println("  curl -si -X POST " + api + "/api/v1/jobs -H \"X-API-Key: " + shownKey + "\" \\");
    out.println("       -H 'Content-Type: application/json' -d '" + body + "'");
    out.println("Then follow the Location header:");
    out.println("  curl -s " + api + "/api/v1/jobs/<jobId> -H \"X-API-Key: " + shownKey + "\"");
    out.println();
    out.flush();
  }

}
