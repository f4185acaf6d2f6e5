package dev.browserfleet.ingest.config;

import dev.browserfleet.ingest.messaging.IngestStartup;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP once the ingest-api can do its job: its topics exist, the seed browser types are on their
 * topic and the API key directory has caught up (before that, valid client keys would get 401).
 */
@Component("ingestApiHealth")
class IngestApiHealth implements HealthIndicator {

  private final IngestStartup startup;

  IngestApiHealth(IngestStartup startup) {
    this.startup = startup;
  }

  @Override
  public Health health() {
    IngestStartup.Progress progress = startup.progress();
    Health.Builder health = progress.ready() ? Health.up() : Health.down();
    health
        .withDetail("topicsReady", progress.topicsReady())
        .withDetail("browserTypesSeeded", progress.browserTypesSeeded())
        .withDetail("apiKeysCaughtUp", progress.apiKeysCaughtUp())
        .withDetail("urlPoliciesCaughtUp", progress.urlPoliciesCaughtUp());
    if (progress.problem() != null) {
      health.withDetail("problem", progress.problem());
    }
    return health.build();
  }
}
