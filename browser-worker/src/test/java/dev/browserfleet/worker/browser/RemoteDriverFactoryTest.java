package dev.browserfleet.worker.browser;

import static dev.browserfleet.worker.support.Assignments.CHROMIUM_MOBILE;
import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.testing.TempDirs;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.execution.AttemptControl;
import dev.browserfleet.worker.execution.AttemptExecutor;
import dev.browserfleet.worker.execution.AttemptOutcome;
import dev.browserfleet.worker.support.RecordingReports;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * A remote endpoint, played by chromedriver listening on a port as a Selenium node would: the
 * session goes through RemoteWebDriver, with emulation, screenshots and networkidle over CDP.
 */
class RemoteDriverFactoryTest {

  @Test
  void aRemoteChromiumSessionRunsJobsWithEmulationAndNetworkIdle() throws Exception {
    Path tmp = Files.createTempDirectory("bf-remote-endpoint-");
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    var builder = new ProcessBuilder(TestBrowsers.CHROMEDRIVER.toString(), "--port=" + port)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("TMPDIR", tmp.toString());
    Process endpoint = builder.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + port);
      awaitReady(url);
      var factory = new RemoteDriverFactory(Engine.CHROMIUM, url, List.of());
      var pool = new SessionPool(factory, 50);
      try (pool) {
        BrowserSession session = pool.open();
        var job = anAssignment().as(CHROMIUM_MOBILE).to(TestPages.url("viewport.html"))
            .waitingUntil(WaitUntil.NETWORK_IDLE)
            .doing(new Extract("info", "#info", null, null, null, null, null, null, null),
                new Screenshot(true, null, null, null)).build();
        var reports = new RecordingReports();

        AttemptOutcome outcome = new AttemptExecutor(TestBrowsers.runner(true), Duration.ofMillis(50))
            .execute(job, session, reports, AttemptControl.NONE, "remote-test");

        assertThat(factory.unavailableReason()).isEmpty();
        assertThat(outcome).isInstanceOf(AttemptOutcome.Succeeded.class);
        assertThat((String) outcome.result().data().get("info")).startsWith("412x915 dpr=3 touch=true");
        var image = ImageIO.read(TestBrowsers.artifacts().resolve(reports.artifacts().getFirst().path()).toFile());
        assertThat(image.getWidth()).isEqualTo(412 * 3);
        assertThat(pool.afterJob(session, true)).isSameAs(session);
      }
    } finally {
      endpoint.destroy();
      if (!endpoint.waitFor(10, TimeUnit.SECONDS)) {
        endpoint.destroyForcibly();
      }
      TempDirs.deleteRecursively(tmp);
    }
  }

  @Test
  void everyEngineCanRunRemotely() {
    for (Engine engine : Engine.values()) {
      assertThat(new RemoteDriverFactory(engine, URI.create("http://grid:4444"), List.of()).unavailableReason())
          .isEmpty();
    }
  }

  @Test
  void aWsEndpointIsAFirefoxRemoteAgentAndServesFirefoxAlone() {
    URI agent = URI.create("ws://firefox-host:9222");

    assertThat(new RemoteDriverFactory(Engine.FIREFOX, agent, List.of()).unavailableReason()).isEmpty();
    assertThat(new RemoteDriverFactory(Engine.CHROMIUM, agent, List.of()).unavailableReason())
        .hasValueSatisfying(reason -> assertThat(reason).contains("serves firefox only"));
    assertThat(new RemoteDriverFactory(Engine.WEBKIT, agent, List.of()).unavailableReason()).isPresent();
  }

  private static void awaitReady(URI url) {
    try (var http = HttpClient.newHttpClient()) {
      await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> http.send(
          HttpRequest.newBuilder(url.resolve("/status")).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode() == 200);
    }
  }
}
