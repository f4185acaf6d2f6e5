package dev.browserfleet.projector.health;

import dev.browserfleet.projector.messaging.ProjectorConsumers;
import dev.browserfleet.projector.messaging.ProjectorConsumers.ConsumerStatus;
import java.util.LinkedHashMap;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The projector is ready (health component {@code projector}) once the schema is migrated and
 * every consumer has joined its group, so that events produced from then on are projected.
 */
@Component
public class ProjectorHealthIndicator implements HealthIndicator {

  private final ProjectorConsumers consumers;
  private final ObjectProvider<Flyway> flyway;
  // Migrations never un-run, so once confirmed the database need not be asked again.
  private volatile String migratedTo;

  public ProjectorHealthIndicator(ProjectorConsumers consumers, ObjectProvider<Flyway> flyway) {
    this.consumers = consumers;
    this.flyway = flyway;
  }

  @Override
  public Health health() {
    var details = new LinkedHashMap<String, Object>();
    boolean migrated = migrated(details);
    List<ConsumerStatus> status = consumers.status();
    boolean consuming =
        !status.isEmpty() && status.stream().allMatch(s -> s.running() && s.joined());
    for (ConsumerStatus s : status) {
      details.put(s.topic(), describe(s));
    }
    if (status.isEmpty()) {
      details.put("consumers", "not started");
    }
    return (migrated && consuming ? Health.up() : Health.down()).withDetails(details).build();
  }

  /**
   * A consumer retrying a batch is still up: it is waiting out something transient (the database,
   * a reference not projected yet) and loses nothing, but the reason is worth showing.
   */
  private static String describe(ConsumerStatus s) {
    if (!s.running()) {
      return "stopped";
    }
    if (!s.joined()) {
      return "joining";
    }
    String assigned = s.partitions() + " partition(s)";
    return s.retryingBecause() == null ? assigned : assigned + ", retrying: " + s.retryingBecause();
  }

  private boolean migrated(LinkedHashMap<String, Object> details) {
    if (migratedTo != null) {
      details.put("schema", migratedTo);
      return true;
    }
    Flyway migrations = flyway.getIfAvailable();
    if (migrations == null) {
      // spring.flyway.enabled=false: someone else migrates, so there is nothing to wait for.
      details.put("schema", "not migrated by this service");
      return true;
    }
    var info = migrations.info();
    if (info.pending().length > 0) {
      details.put("schema", info.pending().length + " migration(s) pending");
      return false;
    }
    var current = info.current();
    migratedTo = "version " + (current == null ? "none" : current.getVersion());
    details.put("schema", migratedTo);
    return true;
  }
}
