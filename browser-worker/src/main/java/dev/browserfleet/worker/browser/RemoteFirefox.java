package dev.browserfleet.worker.browser;

import dev.browserfleet.worker.guard.FirefoxGuard;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.WebDriverException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Firefox that runs elsewhere and that this worker only holds a WebDriver BiDi session on: it
 * never starts or kills it. Ending the session, by {@link #close} or {@link #abort} alike, removes
 * the user contexts the session made and ends the BiDi session, so that the browser takes the
 * next one: Firefox keeps a BiDi session whose connection merely closed (and refuses any other
 * while it does), so a worker that dies without ending it leaves that Firefox to be restarted.
 */
final class RemoteFirefox implements FirefoxBrowser {

  private static final Logger log = LoggerFactory.getLogger(RemoteFirefox.class);

  /** How long each of the last commands to a remote browser may take. */
  private static final Duration LAST_COMMAND_LIMIT = Duration.ofSeconds(5);

  /** How the BiDi session itself ends: {@code session.end}, or deleting the classic session it belongs to. */
  interface SessionEnd {
    void end(BiDiChannel channel);

    /** A session opened with {@code session.new} on the browser's own Remote Agent. */
    SessionEnd BIDI = channel -> channel.sendLast("session.end", Map.of(), LAST_COMMAND_LIMIT);
  }

  private final URI endpoint;
  private final SessionEnd sessionEnd;
  private final boolean useGuardProxy;

  /**
   * @param useGuardProxy whether each job's user context sends its requests to the guard proxy,
   *     which listens on loopback: only for a browser on this host
   */
  RemoteFirefox(URI endpoint, SessionEnd sessionEnd, boolean useGuardProxy) {
    this.endpoint = endpoint;
    this.sessionEnd = sessionEnd;
    this.useGuardProxy = useGuardProxy;
  }

  @Override
  public boolean mayBeRunning() {
    return true;
  }

  /**
   * The guard proxy listens on loopback, so only a Firefox on this host can reach it: each job's
   * user context then sends its requests there. One on another host has only documents checked.
   */
  @Override
  public Map<String, Object> userContextParams(FirefoxGuard guard) {
    return useGuardProxy ? Map.of("proxy", guard.userContextProxy()) : Map.of();
  }

  @Override
  public void close(BiDiChannel channel, UserContexts contexts) {
    end(channel, contexts);
  }

  /**
   * Fails the commands in flight at once, then ends the session as {@link #close} does, each last
   * command waiting {@link #LAST_COMMAND_LIMIT} at most: the browser is not this worker's to kill,
   * and one left holding the session would refuse the next.
   */
  @Override
  public void abort(BiDiChannel channel, UserContexts contexts) {
    channel.stopWaiting();
    end(channel, contexts);
  }

  private void end(BiDiChannel channel, UserContexts contexts) {
    for (String userContext : contexts.live()) {
      try {
        channel.sendLast("browser.removeUserContext", Map.of("userContext", userContext), LAST_COMMAND_LIMIT);
      } catch (WebDriverException e) {
        log.debug("removing a user context on the remote Firefox {} failed: {}", endpoint, e.getMessage());
      }
    }
    try {
      sessionEnd.end(channel);
    } catch (WebDriverException e) {
      log.info("ending the session on the remote Firefox {} failed ({}); it may refuse new sessions until it restarts",
          endpoint, ChromiumDriverFactory.firstLine(e.getMessage()));
    } finally {
      channel.close();
    }
  }

  /** Whether {@code host} is this host's loopback, where the guard proxy can be reached. */
  static boolean isLoopback(String host) {
    try {
      return host != null && InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
