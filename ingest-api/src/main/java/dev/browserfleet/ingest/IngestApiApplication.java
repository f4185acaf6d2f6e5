package dev.browserfleet.ingest;

import dev.browserfleet.artifacts.config.ArtifactStoreConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

/**
 * The REST API: authenticates API keys, validates submissions and publishes them as commands,
 * serves reads from the projector's PostgreSQL tables. The dev launcher imports this class with
 * the other three services into one context.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ArtifactStoreConfiguration.class)
@PropertySource("classpath:browserfleet/ingest-api.properties")
public class IngestApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(IngestApiApplication.class, args);
  }
}
