package dev.browserfleet.dispatcher.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.dispatcher.config.DispatcherProperties;
import dev.browserfleet.testing.SharedInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dispatcher killed outright (SIGKILL: it never leaves its group) and started again must be
 * running again at once, not after the dead member's session timeout (45 s), during which no job
 * moves. bench/faults.sh found this as a 62 s restart of a killed bin/browserfleet dev.
 */
class DispatcherRestartTest {

  @TempDir Path stateDir;

  @Test
  void aDispatcherRestartedAfterACrashRunsAgainWellWithinTheSessionTimeout() {
    String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
    var properties = new DispatcherProperties(
        "bf-dispatcher-restart-test", stateDir, Duration.ofMillis(10), Duration.ofMillis(10), (short) 1,
        Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(1),
        Duration.ofMillis(100), "restart-test");
    var crashed = new DispatcherStreams(properties, DispatcherTopologyTest.SETTINGS, bootstrap);
    crashed.start();
    Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> crashed.state() == KafkaStreams.State.RUNNING);
    crashed.closeAsIfKilled();

    var restarted = new DispatcherStreams(properties, DispatcherTopologyTest.SETTINGS, bootstrap);
    long start = System.nanoTime();
    restarted.start();
    try {
      // The session timeout is 45 s; a restart that waits it out takes longer than this.
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> restarted.state() == KafkaStreams.State.RUNNING);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    } finally {
      restarted.stop();
    }
  }
}
