package dev.browserfleet.projector;

import dev.browserfleet.artifacts.config.ArtifactStoreConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

/**
 * The projector: consumes the event topics and keeps the PostgreSQL tables of SCHEMA.md up to
 * date; the only writer of those tables and the owner of their Flyway migrations.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ArtifactStoreConfiguration.class)
@PropertySource("classpath:browserfleet/projector.properties")
public class ProjectorApplication {

  public static void main(String[] args) {
    SpringApplication.run(ProjectorApplication.class, args);
  }
}
