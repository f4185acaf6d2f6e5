package dev.browserfleet.standalone;

import dev.browserfleet.dispatcher.DispatcherApplication;
import dev.browserfleet.ingest.IngestApiApplication;
import dev.browserfleet.projector.ProjectorApplication;
import dev.browserfleet.worker.BrowserWorkerApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * All four services in one Spring context: each Application brings its own component scan and
 * property defaults. Used only by {@link Browserfleet}; in production each service runs alone.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({
  IngestApiApplication.class,
  DispatcherApplication.class,
  BrowserWorkerApplication.class,
  ProjectorApplication.class
})
public class StandaloneApplication {}
