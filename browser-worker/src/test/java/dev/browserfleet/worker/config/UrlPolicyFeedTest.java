package dev.browserfleet.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.contracts.reference.UrlPolicyType;
import dev.browserfleet.testing.SharedInfrastructure;
import dev.browserfleet.testing.TestKafka;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The worker learns URL policies, and their deletion, from bf.url-policies on a real broker. */
class UrlPolicyFeedTest {

  @Test
  void policiesOnTheTopicReachTheGuardAndATombstoneRemovesThem() throws Exception {
    TestKafka.createTopics(List.of(Topics.URL_POLICIES));
    Instant at = Instant.parse("2026-11-25T08:00:00Z");
    UUID id = UUID.randomUUID();
    String host = "feed-" + id + ".example";
    TestKafka.send(Topics.URL_POLICIES, id.toString(), new UrlPolicy(id, host, UrlPolicyType.BLACKLIST, null, true, at, at));

    try (var feed = new UrlPolicyFeed(SharedInfrastructure.kafkaBootstrapServers(), (short) 1)) {
      feed.start();
      await(() -> feed.caughtUp() && feed.current().violation("https://" + host + "/").isPresent());
      assertThat(feed.current().violation("https://" + host + "/")).get().asString().contains(id.toString());

      TestKafka.send(Topics.URL_POLICIES, id.toString(), null);
      await(() -> feed.current().violation("https://" + host + "/").isEmpty());
    }
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
