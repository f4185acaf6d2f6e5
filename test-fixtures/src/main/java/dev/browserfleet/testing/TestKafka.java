package dev.browserfleet.testing;

import dev.browserfleet.contracts.Topic;
import dev.browserfleet.kafka.TopicProvisioner;
import dev.browserfleet.kafka.TopicSerde;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Small conveniences over the shared broker for tests. */
public final class TestKafka {

  private TestKafka() {}

  public static void createTopics(Collection<Topic<?>> topics) {
    try (var admin = Admin.create(Map.of("bootstrap.servers", SharedInfrastructure.kafkaBootstrapServers()))) {
      TopicProvisioner.ensure(admin, topics, 3, (short) 1);
    }
  }

  /** Produces {@code value} as JSON, as a client that uses no project code would. */
  public static <V> void send(Topic<V> topic, String key, V value) {
    sendRaw(topic.name(), key, TopicSerde.<V>serializer().serialize(topic.name(), value));
  }

  /** Produces raw bytes, garbage included. */
  public static void sendRaw(String topic, String key, byte[] value) {
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not produce to " + topic, e.getCause());
    }
  }
}
