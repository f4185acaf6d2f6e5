package dev.browserfleet.dispatcher.config;

import dev.browserfleet.contracts.lane.PriorityBands;
import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.dispatcher.streams.DispatcherSettings;
import dev.browserfleet.dispatcher.streams.DispatcherStreams;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DispatcherConfiguration {

  @Bean
  DispatcherStreams dispatcherStreams(
      DispatcherProperties properties,
      @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
      @Value("${browserfleet.allow-private-targets:false}") boolean allowPrivateTargets,
      Environment environment) {
    var targets = new TargetAddressPolicy(allowPrivateTargets, TargetAddressPolicy.SYSTEM_DNS);
    return new DispatcherStreams(properties, new DispatcherSettings(bands(environment), targets, properties.lifecycle(), properties.timerInterval()), bootstrapServers);
  }

  /** The priority bands, shared with the workers, which must consume the lanes routed to. */
  static PriorityBands bands(Environment environment) {
    return Binder.get(environment)
        .bind(PriorityBands.PROPERTY, Bindable.listOf(PriorityBands.Band.class))
        .map(PriorityBands::new)
        .orElse(PriorityBands.DEFAULT);
  }

  /** UP once the stream threads run with their state restored; DOWN while rebalancing or failed. */
  @Bean
  HealthIndicator dispatcherHealth(DispatcherStreams streams) {
    return () -> {
      KafkaStreams.State state = streams.state();
      var health = state == KafkaStreams.State.RUNNING ? Health.up() : Health.down();
      return health.withDetail("streams", state.name()).build();
    };
  }
}
