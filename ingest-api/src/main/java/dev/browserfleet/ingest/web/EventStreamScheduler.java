package dev.browserfleet.ingest.web;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.stereotype.Component;

/** The threads that poll for every open event stream: few, since a poll is one short query. */
@Component("ingestEventStreamScheduler")
class EventStreamScheduler implements AutoCloseable {

  private final ScheduledExecutorService executor =
      Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("ingest-event-stream-", 0).daemon().factory());

  ScheduledExecutorService executor() {
    return executor;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
