package dev.browserfleet.ingest.config;

import dev.browserfleet.ingest.messaging.BrokerCheck;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** UP while the Kafka cluster answers: the ingest-api can accept nothing without it. */
final class KafkaHealth implements HealthIndicator {

  private final BrokerCheck broker;

  KafkaHealth(BrokerCheck broker) {
    this.broker = broker;
  }

  @Override
  public Health health() {
    return broker.problem().map(problem -> Health.down().withDetail("problem", problem).build()).orElseGet(() -> Health.up().build());
  }
}
