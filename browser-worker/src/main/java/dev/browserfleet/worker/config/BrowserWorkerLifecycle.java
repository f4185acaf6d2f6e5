package dev.browserfleet.worker.config;

import dev.browserfleet.worker.messaging.LaneWorker;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the worker once the context is ready and stops it first on shutdown, so that running jobs
 * get their grace period while the rest of the application is still up.
 */
final class BrowserWorkerLifecycle implements SmartLifecycle {

  private final LaneWorker worker;

  BrowserWorkerLifecycle(LaneWorker worker) {
    this.worker = worker;
  }

  @Override
  public void start() {
    worker.start();
  }

  @Override
  public void stop() {
    worker.stop();
  }

  @Override
  public boolean isRunning() {
    return worker.isRunning();
  }
}
