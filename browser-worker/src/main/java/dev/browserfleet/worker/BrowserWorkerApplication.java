package dev.browserfleet.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

/**
 * The browser worker: runs the jobs queued on its engines' lanes in warm browser sessions, stores
 * their artifacts and reports attempts and heartbeats.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@PropertySource("classpath:browserfleet/browser-worker.properties")
public class BrowserWorkerApplication {

  public static void main(String[] args) {
    SpringApplication.run(BrowserWorkerApplication.class, args);
  }
}
