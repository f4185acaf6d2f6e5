package dev.browserfleet.artifacts.config;

import dev.browserfleet.artifacts.ArtifactStore;
import dev.browserfleet.artifacts.DirectoryArtifactStore;
import dev.browserfleet.artifacts.S3ArtifactStore;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link ArtifactStore} of a process, imported by each service; in the dev launcher's one
 * context the services share it. An S3 store checks its bucket at start, so that wrong settings
 * fail start-up with a clear message rather than the first job.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ArtifactStoreProperties.class)
public class ArtifactStoreConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ArtifactStoreConfiguration.class);

  @Bean(destroyMethod = "close")
  ArtifactStore artifactStore(
      ArtifactStoreProperties properties, @Value("${browserfleet.artifact-dir}") Path artifactDir) {
    ArtifactStore store = switch (properties.type()) {
      case DIRECTORY -> new DirectoryArtifactStore(artifactDir);
      case S3 -> new S3ArtifactStore(properties.s3().settings()).ensureBucket();
    };
    log.info("Artifacts are kept in the {}", store.describe());
    return store;
  }
}
