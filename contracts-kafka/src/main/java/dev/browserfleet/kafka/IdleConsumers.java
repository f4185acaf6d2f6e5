package dev.browserfleet.kafka;

/**
 * Two consumer settings that decide what an idle consumer costs, shared by the services' plain
 * consumers. In steady running neither delays a record: they set how often a consumer with nothing to do wakes
 * up or asks the broker. A dev system runs about twenty such consumers in one JVM beside the broker.
 */
public final class IdleConsumers {

  /**
   * {@code fetch.max.wait.ms}: how long a fetch waits at the broker for a record. It answers as soon
   * as a record (or a transaction's commit marker) comes; Kafka's 500 ms had every idle consumer ask
   * twice a second. Not longer: a consumer sends no new fetch to a broker while one is pending there,
   * so after a rebalance or a seek it reads its new partitions only once that fetch has answered.
   * At 5 s a restarted dispatcher resumed that much later each time (DispatcherRestartTest 41 s
   * against 17 s). Share consumers wait less (see the worker's {@code WorkerKafka}): closing one
   * waits for its fetch.
   */
  public static final int FETCH_MAX_WAIT_MS = 2_000;

  /**
   * {@code retry.backoff.ms} of a consumer in a (classic) group. Its heartbeat thread wakes up once
   * per this backoff to see whether a heartbeat is due (every 3 s), so Kafka's 100 ms woke each
   * group member's heartbeat thread ten times a second. It is also the first pause before a failed
   * request is tried again (a coordinator to find again after a broker restart, say).
   */
  public static final int GROUP_RETRY_BACKOFF_MS = 1_000;

  private IdleConsumers() {}
}
