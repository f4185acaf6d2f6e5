package dev.browserfleet.kafka;

/**
 * Two consumer settings that decide what an idle consumer costs, shared by the services' plain
 * consumers. Neither delays a record: they only set how often a consumer with nothing to do wakes
 * up or asks the broker. A dev system runs about twenty such consumers in one JVM beside the broker.
 */
public final class IdleConsumers {

  /**
   * {@code fetch.max.wait.ms}: how long a fetch waits at the broker for a record. It answers as soon
   * as a record (or a transaction's commit marker) comes; Kafka's 500 ms had every idle consumer ask
   * twice a second. Under the consumers' 30 s request timeout. Share consumers wait less (see the
   * worker's {@code WorkerKafka}): closing one waits for its fetch.
   */
  public static final int FETCH_MAX_WAIT_MS = 5_000;

  /**
   * {@code retry.backoff.ms} of a consumer in a (classic) group. Its heartbeat thread wakes up once
   * per this backoff to see whether a heartbeat is due (every 3 s), so Kafka's 100 ms woke each
   * group member's heartbeat thread ten times a second. It is also the first pause before a failed
   * request is tried again (a coordinator to find again after a broker restart, say).
   */
  public static final int GROUP_RETRY_BACKOFF_MS = 1_000;

  private IdleConsumers() {}
}
