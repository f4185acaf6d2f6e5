package dev.browserfleet.worker.browser;

import dev.browserfleet.reaper.Reaper;
import dev.browserfleet.worker.engine.SessionInterruptedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a local WebDriver server (WebKitWebDriver, geckodriver) on a port of its own, with its temp
 * root as TMPDIR, enlisted with this JVM's {@link Reaper} (so are the browsers it starts).
 */
final class DriverServers {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  private DriverServers() {}

  /** Starts {@code executable --port=PORT} and returns once it listens; its output goes to a log in {@code root}. */
  static LocalBrowserProcesses start(Path executable, int port, Map<String, String> environment, Path root)
      throws IOException {
    var builder = new ProcessBuilder(executable.toString(), "--port=" + port)
        .redirectErrorStream(true)
        .redirectOutput(root.resolve("driver.log").toFile());
    builder.environment().putAll(environment);
    builder.environment().put("TMPDIR", root.toString());
    Reaper.ofThisJvm().enlist(builder);
    Process driver = builder.start();
    var processes = new LocalBrowserProcesses(driver.toHandle(), root);
    try {
      awaitPort(port, driver);
      return processes;
    } catch (RuntimeException e) {
      processes.kill();
      throw e;
    }
  }

  static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static URL endpoint(int port) throws MalformedURLException {
    return URI.create("http://127.0.0.1:" + port).toURL();
  }

  private static void awaitPort(int port, Process driver) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!driver.isAlive()) {
        throw new IllegalStateException("the driver exited with status " + driver.exitValue());
      }
      try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        try {
          TimeUnit.MILLISECONDS.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SessionInterruptedException("interrupted while a driver started");
        }
      }
    }
    throw new IllegalStateException("the driver did not listen on port " + port + " within "
        + START_TIMEOUT.toSeconds() + " s");
  }
}
