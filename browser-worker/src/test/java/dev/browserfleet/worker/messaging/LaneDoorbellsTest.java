package dev.browserfleet.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.lane.Lane;
import dev.browserfleet.contracts.lane.PriorityBands;
import dev.browserfleet.testing.SharedInfrastructure;
import dev.browserfleet.testing.TestKafka;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worker's watch on its lanes, on a real broker: a record in an engine's lane rings that engine only. */
class LaneDoorbellsTest {

  @BeforeAll
  static void topics() {
    TestKafka.createTopics(Topics.all(PriorityBands.DEFAULT));
  }

  @Test
  void aJobReachingALaneRingsTheDoorbellOfItsEngineAndOfNoOther() throws Exception {
    var chromium = new Doorbell();
    var webkit = new Doorbell();
    var byLane = new HashMap<String, Doorbell>();
    Topics.lanes(Engine.CHROMIUM, PriorityBands.DEFAULT).forEach(lane -> byLane.put(lane.name(), chromium));
    Topics.lanes(Engine.WEBKIT, PriorityBands.DEFAULT).forEach(lane -> byLane.put(lane.name(), webkit));
    try (var doorbells = new LaneDoorbells(SharedInfrastructure.kafkaBootstrapServers(), "doorbell-test", byLane)) {
      doorbells.start();
      // It watches from the end of each lane: what is sent before it has its positions may go
      // unseen, so keep sending until one rings (the first, once it is positioned).
      var job = Workers.waiting(10);
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
        TestKafka.send(Topics.lane(new Lane(Engine.CHROMIUM, "low")), job.jobId().toString(), job);
        return chromium.rings() > 0;
      });
      long rung = chromium.rings();
      TestKafka.send(Topics.lane(new Lane(Engine.CHROMIUM, "high")), job.jobId().toString(), job);
      assertThat(chromium.awaitRingAfter(rung, Duration.ofSeconds(30))).isTrue();
      assertThat(webkit.rings()).isZero();
    }
  }
}
