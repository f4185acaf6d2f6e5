package dev.browserfleet.worker.browser;

import dev.browserfleet.worker.guard.FirefoxGuard;
import java.util.Map;

/**
 * The Firefox behind a {@link FirefoxSession}, and what ending the session does to it: one this
 * worker started ({@link LocalFirefox}) is closed and its process killed; a remote one ({@link
 * RemoteFirefox}) is only left, clean, for the next session.
 */
interface FirefoxBrowser {

  /** Whether the browser can still be answering: false once a process this worker started has exited. */
  boolean mayBeRunning();

  /**
   * The params of each job's {@code browser.createUserContext}, which may route the context's
   * requests to {@code guard}'s proxy.
   */
  Map<String, Object> userContextParams(FirefoxGuard guard);

  /** Ends the BiDi session on {@code channel}, and whatever the worker owns of the browser. */
  void close(BiDiChannel channel, UserContexts contexts);

  /**
   * As {@link #close}, but first fails every command in flight on {@code channel} at once (it may be
   * called from another thread), and waits for the browser no longer than a few seconds.
   */
  void abort(BiDiChannel channel, UserContexts contexts);
}
