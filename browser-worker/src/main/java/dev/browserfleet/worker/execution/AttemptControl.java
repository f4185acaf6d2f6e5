package dev.browserfleet.worker.execution;

import java.util.Optional;

/** What the caller does while an attempt runs: keep its claim on the job alive, or give it up. */
public interface AttemptControl {

  AttemptControl NONE =
      new AttemptControl() {
        @Override
        public void tick() {}

        @Override
        public boolean abandoned() {
          return false;
        }

        @Override
        public Optional<String> revoked() {
          return Optional.empty();
        }
      };

  /** Called about every tick while the attempt runs, on the caller's thread. */
  void tick();

  /** Whether the caller wants the attempt stopped now (the worker is shutting down). */
  boolean abandoned();

  /**
   * Why the attempt must stop now and be dropped, if the dispatcher revoked it (the job was
   * cancelled, or another worker runs it).
   */
  Optional<String> revoked();
}
