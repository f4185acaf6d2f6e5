package dev.browserfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** Only Kafka's own start-up messages are dropped, and only those exact ones. */
class KafkaStartupNoiseTest {

  private static final String CONTROLLER_APIS = "kafka.server.ControllerApis";
  private static final String UNEXPECTED =
      "[ControllerApis nodeId=1] Unexpected error handling request RequestHeader(apiKey=CONTROLLER_REGISTRATION)";

  @Test
  void aControllerRegistrationRefusedBeforeTheControllerActivatedIsDropped() {
    var refused = new CompletionException(new NotControllerException("The active controller appears to be node 1."));
    assertThat(KafkaStartupNoise.isNoise(CONTROLLER_APIS, UNEXPECTED, refused)).isTrue();
  }

  @Test
  void anyOtherErrorOfTheControllerIsShown() {
    assertThat(KafkaStartupNoise.isNoise(CONTROLLER_APIS, UNEXPECTED, new TimeoutException("slow"))).isFalse();
    assertThat(KafkaStartupNoise.isNoise(CONTROLLER_APIS, UNEXPECTED, null)).isFalse();
    assertThat(KafkaStartupNoise.isNoise(CONTROLLER_APIS, "[ControllerApis nodeId=1] something else",
        new NotControllerException("x"))).isFalse();
  }

  @Test
  void theControllersActivationAndTheGlobalConsumersOffsetRaceAreDropped() {
    assertThat(KafkaStartupNoise.isNoise("org.apache.kafka.controller.QuorumController",
        "[QuorumController id=1] Performing controller activation. {}", null)).isTrue();
    assertThat(KafkaStartupNoise.isNoise("org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils",
        "[Consumer clientId=bf-dispatcher-global-consumer, groupId=null] Not updating last stable offset for partition {} as it is no longer assigned",
        null)).isTrue();
  }

  @Test
  void otherMessagesOfTheSameLoggersAreShown() {
    assertThat(KafkaStartupNoise.isNoise("org.apache.kafka.controller.QuorumController",
        "[QuorumController id=1] Renouncing leadership", null)).isFalse();
    assertThat(KafkaStartupNoise.isNoise("org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils",
        "[Consumer clientId=x] Not updating high watermark for partition {} as it is no longer assigned", null)).isFalse();
    assertThat(KafkaStartupNoise.isNoise("kafka.server.BrokerServer", UNEXPECTED, new NotControllerException("x")))
        .isFalse();
  }
}
