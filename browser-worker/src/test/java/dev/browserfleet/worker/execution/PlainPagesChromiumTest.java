package dev.browserfleet.worker.execution;

import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.BrowserStorage;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.testing.TempDirs;
import dev.browserfleet.worker.support.TestBrowsers;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jobs on pages as an ordinary static file server serves them (issue 14): cacheable by heuristic
 * (a Last-Modified date and no Cache-Control), with stylesheets and scripts, some of them missing.
 * A warm session then loads them from its cache, whose network events come in bursts.
 */
class PlainPagesChromiumTest {

  private static Path root;
  private static HttpServer server;

  @BeforeAll
  static void serveOrdinaryPages() throws IOException {
    root = Files.createTempDirectory("bf-plain-pages-");
    for (String name : List.of("a.html", "b.html", "first.css", "second.css", "present.js")) {
      Path file = root.resolve(name);
      try (InputStream in = PlainPagesChromiumTest.class.getResourceAsStream("/plain-pages/" + name)) {
        Files.copy(in, file);
      }
      // Old files, as under /usr/share/doc: fresh in the cache for weeks by heuristic.
      Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2023-01-01T00:00:00Z")));
    }
    server = SimpleFileServer.createFileServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), root,
        SimpleFileServer.OutputLevel.NONE);
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
    TempDirs.deleteRecursively(root);
  }

  private static String url(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
  }

  @Test
  void jobsInARowOnCachedPagesAllReachNetworkIdleWithOrWithoutLocalStorage() {
    var storage = new BrowserStorage(List.of(), Map.of("a", "b"), Map.of());
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      var builder = anAssignment().to(url(i % 4 < 2 ? "a.html" : "b.html")).withTimeoutMs(10_000)
          .waitingUntil(WaitUntil.NETWORK_IDLE)
          .doing(new Screenshot(null, null, null, null));
      if (i % 2 == 0) {
        builder.withStorage(storage);
      }
      var run = TestBrowsers.run(builder.build());
      if (run.outcome() instanceof AttemptOutcome.Failed failed) {
        failures.add("job " + i + (i % 2 == 0 ? " (localStorage)" : "") + ": " + failed.failure().message());
      }
    }
    assertThat(failures).as("60 jobs, every other one seeding localStorage").isEmpty();
  }
}
