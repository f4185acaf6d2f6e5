package dev.browserfleet.worker.support;

import static org.awaitility.Awaitility.await;

import dev.browserfleet.testing.TempDirs;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openqa.selenium.json.Json;

/**
 * A Firefox playing a remote host: started here, as someone elsewhere would start it, headless on
 * a throwaway profile with its Remote Agent on a free port, and killed by its PID at {@link
 * #close}. It also speaks raw WebDriver BiDi to that agent, to see it as a next client would.
 */
public final class RemoteFirefoxHost implements AutoCloseable {

  private static final Path FIREFOX = Path.of("/usr/bin/firefox-esr");
  private static final Json JSON = new Json();

  /**
   * What the host's own profile says: no background traffic, and its own loopback sent to a proxy
   * too when one is set (Firefox leaves it out by default), so that the worker's guard proxy sees
   * the test pages' requests.
   */
  private static final List<String> PREFS = List.of(
      "user_pref(\"app.update.disabledForTesting\", true);",
      "user_pref(\"browser.safebrowsing.malware.enabled\", false);",
      "user_pref(\"browser.safebrowsing.phishing.enabled\", false);",
      "user_pref(\"network.captive-portal-service.enabled\", false);",
      "user_pref(\"network.connectivity-service.enabled\", false);",
      "user_pref(\"services.settings.server\", \"data:,\");",
      "user_pref(\"network.proxy.allow_hijacking_localhost\", true);");

  private final Process process;
  private final Path root;
  private final URI endpoint;

  private RemoteFirefoxHost(Process process, Path root, URI endpoint) {
    this.process = process;
    this.root = root;
    this.endpoint = endpoint;
  }

  public static RemoteFirefoxHost start() throws IOException {
    Path root = Files.createTempDirectory("bf-remote-firefox-");
    Path profile = Files.createDirectories(root.resolve("profile"));
    Files.write(profile.resolve("user.js"), PREFS, StandardCharsets.UTF_8);
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    var builder = new ProcessBuilder(FIREFOX.toString(), "--headless", "--no-remote", "--profile", profile.toString(),
        "--remote-debugging-port=" + port, "about:blank")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(root.resolve("firefox.log").toFile());
    builder.environment().put("HOME", root.toString());
    builder.environment().put("TMPDIR", root.toString());
    builder.environment().put("MOZ_CRASHREPORTER_DISABLE", "1");
    var host = new RemoteFirefoxHost(builder.start(), root, URI.create("ws://127.0.0.1:" + port));
    try {
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
          .until(() -> "success".equals(host.command("session.status", Map.of()).get("type")));
      return host;
    } catch (RuntimeException e) {
      host.close();
      throw e;
    }
  }

  /** Its Remote Agent, as it would be configured: {@code ws://127.0.0.1:<port>}. */
  public URI endpoint() {
    return endpoint;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Opens a BiDi session of its own (which fails while another client holds one), sends {@code
   * method}, ends the session and returns the answer's result.
   *
   * @throws IllegalStateException with the agent's error when the session or the command failed
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> inNewSession(String method, Map<String, Object> params) {
    try (var socket = new Socket(endpoint.resolve("/session"))) {
      socket.succeeded("session.new", Map.of("capabilities", Map.of()));
      try {
        return (Map<String, Object>) socket.succeeded(method, params).get("result");
      } finally {
        socket.succeeded("session.end", Map.of());
      }
    }
  }

  private Map<String, Object> command(String method, Map<String, Object> params) {
    try (var socket = new Socket(endpoint.resolve("/session"))) {
      return socket.send(method, params);
    }
  }

  /** Kills the browser and its content processes by PID, and deletes its profile. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    await().atMost(Duration.ofSeconds(20))
        .until(() -> !process.isAlive() && children.stream().noneMatch(ProcessHandle::isAlive));
    TempDirs.deleteRecursively(root);
  }

  /** Whether its profile and logs are gone. */
  public boolean leftNothingOnDisk() {
    return !Files.exists(root);
  }

  /** One WebSocket to the agent, commands answered in order of their ids. */
  private static final class Socket implements WebSocket.Listener, AutoCloseable {

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> answers = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final StringBuilder text = new StringBuilder();
    private final WebSocket socket;

    Socket(URI url) {
      socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(url, this).join();
    }

    Map<String, Object> succeeded(String method, Map<String, Object> params) {
      Map<String, Object> answer = send(method, params);
      if (!"success".equals(answer.get("type"))) {
        throw new IllegalStateException(method + ": " + answer.get("error") + ": " + answer.get("message"));
      }
      return answer;
    }

    Map<String, Object> send(String method, Map<String, Object> params) {
      int id = ids.incrementAndGet();
      var answer = new CompletableFuture<Map<String, Object>>();
      answers.put(id, answer);
      socket.sendText(JSON.toJson(Map.of("id", id, "method", method, "params", params)), true).join();
      try {
        // session.new waits for a Firefox still starting
        return answer.get(90, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(method + " had no answer", e);
      }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        Map<String, Object> message = JSON.toType(text.toString(), Json.MAP_TYPE);
        text.setLength(0);
        if (message.get("id") instanceof Number id) {
          var answer = answers.remove(id.intValue());
          if (answer != null) {
            answer.complete(message);
          }
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void close() {
      try {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        socket.abort();
      }
      http.close();
    }
  }
}
