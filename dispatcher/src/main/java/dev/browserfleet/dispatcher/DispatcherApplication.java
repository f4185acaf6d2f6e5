package dev.browserfleet.dispatcher;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

/** The dispatcher: the Kafka Streams app that owns every job's lifecycle. */
@SpringBootApplication
@ConfigurationPropertiesScan
@PropertySource("classpath:browserfleet/dispatcher.properties")
public class DispatcherApplication {

  public static void main(String[] args) {
    SpringApplication.run(DispatcherApplication.class, args);
  }
}
