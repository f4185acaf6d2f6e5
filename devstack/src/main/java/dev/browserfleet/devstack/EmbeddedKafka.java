package dev.browserfleet.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) in this JVM. Its
 * log lives in {@code logDir}, formatted on first start and reused afterwards, so a dev install
 * keeps its topics across restarts. Share groups are on (Kafka 4.2 enables them by default).
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
  /** The client, group and transaction that the start asks about. */
  private static final String START = "embedded-kafka-start";

  /** Kafka's own default session timeout of a broker with its controller. */
  public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(9);

  /**
   * The session timeout of the broker of {@code bin/browserfleet dev} and {@code broker}: a crashed
   * dev system is serving again about this long after it is started again.
   */
  public static final Duration QUICK_RESTART_SESSION_TIMEOUT = Duration.ofSeconds(3);

  private final KafkaRaftServer server;
  private final String bootstrapServers;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts a broker listening on {@code 127.0.0.1:port} ({@code 0} picks a free port).
   *
   * @param logDir where the broker keeps its data; created and formatted if empty
   */
  public static EmbeddedKafka start(int port, Path logDir) {
    return start(port, logDir, DEFAULT_SESSION_TIMEOUT);
  }

  /**
   * As {@link #start(int, Path)}, with the controller's session timeout for the broker. The broker
   * of a process killed outright stays registered until it times out, and the broker of the next
   * start on the same data cannot register (nor serve) before that: a restart after a crash waits
   * about this long. A short one can fence the broker from its own controller when the machine is
   * starved for that long; the broker registers again at once, and clients retry meanwhile.
   */
  public static EmbeddedKafka start(int port, Path logDir, Duration sessionTimeout) {
    int brokerPort = port == 0 ? freePort() : port;
    int controllerPort = freePort();
    try {
      Files.createDirectories(logDir);
      Properties props = brokerProperties(brokerPort, controllerPort, logDir);
      props.put("broker.session.timeout.ms", Long.toString(sessionTimeout.toMillis()));
      props.put("broker.heartbeat.interval.ms", Long.toString(Math.max(100, sessionTimeout.toMillis() / 4)));
      KafkaConfig config = KafkaConfig.fromProps(props, false);
      if (!Files.exists(logDir.resolve("meta.properties"))) {
        format(logDir);
      }
      var server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      String bootstrap = "127.0.0.1:" + brokerPort;
      createInternalTopics(bootstrap);
      log.info("Embedded Kafka broker (KRaft) listening on {}, data in {}", bootstrap, logDir);
      return new EmbeddedKafka(server, bootstrap);
    } catch (Exception e) {
      throw new IllegalStateException(
          "could not start the embedded Kafka broker on port " + brokerPort + ": " + e.getMessage(), e);
    }
  }

  /**
   * Has the broker create its internal topics now, one after the other: {@code __consumer_offsets}
   * by asking for a group's offsets, {@code __transaction_state} by asking about a transaction, and
   * {@code __share_group_state} by asking for a share group's offsets of a partition that exists
   * (the share coordinator's state is read then). Otherwise the services' clients, starting
   * together on a new broker, ask for each at once, and the broker logs a WARN
   * (TOPIC_ALREADY_EXISTS) for each request that loses the race to create it.
   */
  private static void createInternalTopics(String bootstrap) {
    try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.CLIENT_ID_CONFIG, START))) {
      ahead(bootstrap, "__consumer_offsets",
          () -> admin.listConsumerGroupOffsets(START).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS));
      ahead(bootstrap, "__transaction_state",
          () -> admin.describeTransactions(List.of(START)).all().get(30, TimeUnit.SECONDS));
      var offsetsPartition = new TopicPartition("__consumer_offsets", 0);
      ahead(bootstrap, "__share_group_state", () -> admin.listShareGroupOffsets(
              Map.of(START, new ListShareGroupOffsetsSpec().topicPartitions(List.of(offsetsPartition))))
          .all().get(30, TimeUnit.SECONDS));
    }
  }

  /** Asks once; an answer that says "not found" is expected, what matters is the topic it made. */
  private static void ahead(String bootstrap, String topic, Callable<?> ask) {
    try {
      ask.call();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.debug("asking {} ahead for what makes it create {} answered: {}", bootstrap, topic, e.toString());
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    log.info("Embedded Kafka broker on {} stopped", bootstrapServers);
  }

  static Properties brokerProperties(int brokerPort, int controllerPort, Path logDir) {
    var p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    // One node: every internal topic has one replica, and few partitions, for a fast start.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("share.coordinator.state.topic.num.partitions", "5");
    p.put("group.initial.rebalance.delay.ms", "0");
    // Workers set their share group's lock duration (browserfleet.worker.lock-duration); allow short
    // ones, so that a killed worker's job moves on quickly in tests. A job handed back by a busy
    // slot counts as a delivery: allow the most deliveries before the broker gives a record up.
    p.put("group.share.min.record.lock.duration.ms", "1000");
    p.put("group.share.delivery.count.limit", "10");
    p.put("num.partitions", "3");
    // Topics are created explicitly (TopicProvisioner), so a typo fails instead of creating one.
    p.put("auto.create.topics.enable", "false");
    // The controller appends a no-op record to the metadata log every 500 ms by default, so that
    // brokers can tell a live quorum from a stalled one; a one-node dev broker has no one to tell,
    // and at that rate it kept the raft and metadata threads busy while nothing happened.
    p.put("metadata.max.idle.interval.ms", "5000");
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    return p;
  }

  private static void format(Path logDir) throws Exception {
    new Formatter()
        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
        .setClusterId(Uuid.randomUuid().toString())
        .setNodeId(1)
        .setControllerListenerName("CONTROLLER")
        .setMetadataLogDirectory(logDir.toString())
        .setDirectories(List.of(logDir.toString()))
        .setReleaseVersion(MetadataVersion.latestProduction())
        .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
        .run();
  }

  static int freePort() {
    try (var socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }
}
