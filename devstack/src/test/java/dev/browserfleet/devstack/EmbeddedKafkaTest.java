package dev.browserfleet.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

  @TempDir Path dir;

  @Test
  void aStartedBrokerHasItsInternalTopicsBeforeAnyClientAsks() throws Exception {
    try (var kafka = EmbeddedKafka.start(0, dir.resolve("kafka"));
        var admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
      // Made one after the other at the start, so that clients starting together do not race to make them.
      assertThat(topics).contains("__consumer_offsets", "__transaction_state", "__share_group_state");
    }
  }

  @Test
  void aRecordSurvivesARestartOnTheSameDataDirectory() throws Exception {
    Path logDir = dir.resolve("kafka");
    try (var kafka = EmbeddedKafka.start(0, logDir)) {
      try (var admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("survivor", 1, (short) 1))).all().get();
      }
      try (var producer = new KafkaProducer<>(
          Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
          new StringSerializer(), new StringSerializer())) {
        producer.send(new ProducerRecord<>("survivor", "k", "v")).get();
      }
    }
    assertThat(Files.exists(logDir.resolve("meta.properties"))).isTrue();

    try (var kafka = EmbeddedKafka.start(0, logDir);
        var consumer = new KafkaConsumer<>(
            Map.<String, Object>of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "group.id", "reader",
                "auto.offset.reset", "earliest"),
            new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Set.of("survivor"));
      List<ConsumerRecord<String, String>> seen = new java.util.ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (seen.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
      }
      assertThat(seen).extracting(ConsumerRecord::value).containsExactly("v");
    }
  }
}
