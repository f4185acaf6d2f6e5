package dev.browserfleet.worker.browser;

import dev.browserfleet.worker.engine.SessionInterruptedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.bidi.Command;
import org.openqa.selenium.bidi.Connection;
import org.openqa.selenium.bidi.Event;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.remote.http.HttpClient;

/**
 * A WebDriver BiDi connection to one browser: commands by name with plain maps, answered within a
 * time limit, and events. {@link #abort} fails every command still waiting, so that a thread
 * blocked on a browser that was killed gets on at once.
 */
final class BiDiChannel implements AutoCloseable {

  /** How long a command that names no limit of its own may take. */
  static final Duration COMMAND_LIMIT = Duration.ofSeconds(30);

  private final Connection connection;
  private final Set<CompletableFuture<?>> waiting = ConcurrentHashMap.newKeySet();
  private volatile boolean aborted;

  private BiDiChannel(Connection connection) {
    this.connection = connection;
  }

  /** Connects to {@code sessionUrl} ({@code ws://host:port/session}). */
  static BiDiChannel connect(String sessionUrl) {
    // A Firefox still finishing its start answers the upgrade late on a busy machine.
    var config = ClientConfig.defaultConfig().baseUri(java.net.URI.create(sessionUrl))
        .connectionTimeout(COMMAND_LIMIT.multipliedBy(2)).readTimeout(COMMAND_LIMIT.multipliedBy(4));
    HttpClient client = HttpClient.Factory.createDefault().createClient(config);
    return new BiDiChannel(new Connection(client, sessionUrl));
  }

  Map<String, Object> send(String method, Map<String, Object> params) {
    return send(method, params, COMMAND_LIMIT);
  }

  /**
   * Sends a command and waits for its answer.
   *
   * @throws TimeoutException when no answer came within {@code limit}
   * @throws WebDriverException with the browser's error and message when it failed
   */
  Map<String, Object> send(String method, Map<String, Object> params, Duration limit) {
    return await(method, sendAsync(method, params), limit);
  }

  /**
   * Sends a command even after {@link #stopWaiting}, and waits for its answer: the last words of
   * a session being ended (see {@link #send(String, Map, Duration)}).
   */
  Map<String, Object> sendLast(String method, Map<String, Object> params, Duration limit) {
    return await(method, dispatch(method, params), limit);
  }

  private static Map<String, Object> await(String method, CompletableFuture<Map<String, Object>> answer, Duration limit) {
    try {
      return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new TimeoutException(method + " had no answer within " + limit.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SessionInterruptedException("interrupted during " + method);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof WebDriverException driver) {
        throw driver;
      }
      throw new WebDriverException(method + " failed: " + cause, cause);
    }
  }

  /** Sends a command without waiting; for event handlers, which must not wait on their own connection. */
  CompletableFuture<Map<String, Object>> sendAsync(String method, Map<String, Object> params) {
    if (aborted) {
      return CompletableFuture.failedFuture(new WebDriverException("the browser was stopped; " + method + " not sent"));
    }
    return dispatch(method, params);
  }

  private CompletableFuture<Map<String, Object>> dispatch(String method, Map<String, Object> params) {
    CompletableFuture<Map<String, Object>> answer;
    try {
      answer = connection.send(new Command<Map<String, Object>>(method, params, Json.MAP_TYPE));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    var tracked = new CompletableFuture<Map<String, Object>>();
    waiting.add(tracked);
    answer.whenComplete((value, error) -> {
      waiting.remove(tracked);
      if (error == null) {
        tracked.complete(value);
      } else {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause() : error;
        tracked.completeExceptionally(cause);
      }
    });
    return tracked;
  }

  /** Calls {@code handler} with the params of every {@code method} event; subscribe to it too. */
  void on(String method, Consumer<Map<String, Object>> handler) {
    connection.addListener(java.util.UUID.randomUUID().toString(), new Event<Map<String, Object>>(method, params -> params), handler);
  }

  void subscribe(List<String> events) {
    send("session.subscribe", Map.of("events", events));
  }

  /** Fails every command still waiting for an answer, and any sent from now on; then closes the connection. */
  void abort() {
    stopWaiting();
    close();
  }

  /**
   * Fails every command still waiting for an answer, and any sent from now on save by {@link
   * #sendLast}; the connection stays open for those.
   */
  void stopWaiting() {
    aborted = true;
    var stopped = new WebDriverException("the browser was stopped while a command waited for it");
    waiting.forEach(f -> f.completeExceptionally(stopped));
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (RuntimeException e) {
      // the browser may be gone already; nothing is left to tidy
    }
  }
}
