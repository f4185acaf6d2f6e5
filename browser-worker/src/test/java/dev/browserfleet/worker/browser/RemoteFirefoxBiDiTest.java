package dev.browserfleet.worker.browser;

import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.Dialogs;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.contracts.action.Fill;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.action.Wait;
import dev.browserfleet.contracts.event.DialogResult;
import dev.browserfleet.contracts.event.JobResult;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.SeedBrowserTypes;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.engine.Deadline;
import dev.browserfleet.worker.engine.DeviceProfile;
import dev.browserfleet.worker.execution.AttemptControl;
import dev.browserfleet.worker.execution.AttemptExecutor;
import dev.browserfleet.worker.execution.AttemptOutcome;
import dev.browserfleet.worker.execution.FailureKind;
import dev.browserfleet.worker.guard.NavigationGuard;
import dev.browserfleet.worker.support.RecordingReports;
import dev.browserfleet.worker.support.RemoteFirefoxHost;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import java.awt.image.BufferedImage;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A remote Firefox reached over WebDriver BiDi alone: a Firefox that this test starts as the
 * remote host would (its Remote Agent on a port), configured as {@code
 * browserfleet.worker.remote.firefox=ws://127.0.0.1:<port>}. The worker opens its session there,
 * runs jobs as on a local Firefox, and never starts or stops that browser.
 */
class RemoteFirefoxBiDiTest {

  private static final BrowserType FIREFOX_DESKTOP = SeedBrowserTypes.all().stream()
      .filter(t -> t.type() == Engine.FIREFOX && !t.emulatesMobile()).findFirst().orElseThrow();

  private static RemoteFirefoxHost host;
  private static Object userContextsBefore;
  private static SessionPool pool;
  private static BrowserSession session;
  private static AttemptExecutor executor;

  @BeforeAll
  static void startTheRemoteHostAndASessionOnIt() throws Exception {
    host = RemoteFirefoxHost.start();
    userContextsBefore = host.inNewSession("browser.getUserContexts", Map.of()).get("userContexts");
    var factory = new RemoteDriverFactory(Engine.FIREFOX, host.endpoint(), List.of());
    assertThat(factory.unavailableReason()).isEmpty();
    pool = new SessionPool(factory, 50);
    session = pool.open();
    executor = new AttemptExecutor(TestBrowsers.runner(true), Duration.ofMillis(50));
  }

  @AfterAll
  static void stopTheRemoteHost() {
    try {
      pool.close();
      assertThat(host.isAlive()).as("closing the worker's sessions leaves the remote Firefox running").isTrue();
    } finally {
      long pid = host.pid();
      host.close();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("killed by its PID").isNotEqualTo(Optional.of(true));
      assertThat(host.leftNothingOnDisk()).isTrue();
    }
  }

  @Test
  void aNavigateExtractAndScreenshotJobCompletes() throws Exception {
    var run = run(firefox().to(TestPages.url("form.html")).doing(
        new Fill("#name", null, null, null, null, "Ada"),
        new Click("#save", null, null, null, null),
        new Extract("greeting", "#greeting", null, null, null, null, null, null, null),
        new Screenshot(null, null, null, null)).build());

    JobResult result = succeeded(run.outcome);
    assertThat(run.session.engine()).isEqualTo(Engine.FIREFOX);
    assertThat(result.data()).containsEntry("greeting", "Hello, Ada");
    assertThat(result.title()).isEqualTo("Sign up");
    BufferedImage image = ImageIO.read(TestBrowsers.artifacts().resolve(run.reports.artifacts().getFirst().path()).toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(720);
  }

  @Test
  void twoJobsInARowSeeNothingOfEachOther() {
    var seen = new Extract("seen", "#seen", null, null, null, null, null, null, null);
    var first = run(firefox().to(TestPages.url("storage.html")).doing(seen).build());

    var second = run(firefox().to(TestPages.url("storage.html")).doing(seen).build());

    succeeded(first.outcome);
    assertThat(second.session).as("the same session on the remote browser").isSameAs(first.session);
    assertThat((String) succeeded(second.outcome).data().get("seen")).startsWith("cookie=;local=null;session=null;name=;");
  }

  @Test
  void dialogsAreAnsweredAsTheJobSaysWhichPlainWebDriverCouldNot() {
    var result = succeeded(run(firefox().to(TestPages.url("prompts.html")).doing(
        new Dialogs(false, null), new Click("#confirm", null, null, null, null),
        new Extract("dismissed", "#confirmed", null, null, null, null, null, null, null),
        new Dialogs(true, "Ada"), new Click("#prompt", null, null, null, null),
        new Extract("named", "#named", null, null, null, null, null, null, null)).build()).outcome);

    assertThat(result.data()).containsEntry("dismissed", "confirmed=false").containsEntry("named", "name=Ada");
    assertThat(result.dialogs()).containsExactly(new DialogResult("confirm", "Delete it?", "dismissed", null),
        new DialogResult("prompt", "Your name?", "accepted", "Ada"));
  }

  @Test
  void aRedirectHopToADeniedUrlIsRefusedBeforeTheRemoteFirefoxRequestsIt() {
    UUID policyId = UUID.randomUUID();
    String secret = TestPages.url("secret.html");
    int requestsBefore = TestPages.requests("/secret.html");
    var job = firefox().to(TestPages.url("redirect?to=" + URLEncoder.encode(secret, StandardCharsets.UTF_8)))
        .doing(new Wait(10)).build();

    var failed = failed(run(job, TestBrowsers.blacklisting(policyId, secret)).outcome);

    assertThat(failed.failure().kind()).as(failed.failure().message()).isEqualTo(FailureKind.URL_POLICY);
    assertThat(failed.failure().message()).contains("navigation to " + secret + " is denied").contains("URL policy " + policyId);
    assertThat(TestPages.requests("/secret.html")).as("Firefox never requested the hop").isEqualTo(requestsBefore);
  }

  @Test
  void aClickedLinkToTheMetadataAddressIsNotLoaded() {
    var failed = failed(run(firefox().to(TestPages.url("dynamic.html"))
        .doing(new Click("#metadata", null, null, null, null), new Wait(1000)).build()).outcome);

    assertThat(failed.failure().kind()).as(failed.failure().message()).isEqualTo(FailureKind.URL_POLICY);
    assertThat(failed.failure().message()).contains("is denied").contains("169.254.169.254");
  }

  @Test
  void everyConnectionOfAJobGoesThroughTheWorkersGuardProxy() {
    var refuseLocalhost = new NavigationGuard() {
      @Override
      public Optional<String> denial(String url) {
        return Optional.empty();
      }

      @Override
      public Optional<String> connectionDenial(String host, InetAddress address) {
        return host.equals("localhost") ? Optional.of("a request to localhost is denied by this test") : Optional.empty();
      }
    };
    synchronized (RemoteFirefoxBiDiTest.class) {
      int before = TestPages.requests("/red.png");
      session.beginJob(new DeviceProfile(1280, 720, 1, false, null), refuseLocalhost);
      try {
        session.open(TestPages.url("probe.html?host=localhost"), WaitUntil.LOAD, Deadline.in(Duration.ofSeconds(30)));
        assertThat(session.title()).isEqualTo("failed");
        assertThat(TestPages.requests("/red.png")).as("the image's request never reached the server").isEqualTo(before);

        session.open(TestPages.url("probe.html?host=127.0.0.1"), WaitUntil.LOAD, Deadline.in(Duration.ofSeconds(30)));
        assertThat(session.title()).isEqualTo("loaded");
        assertThat(TestPages.requests("/red.png")).isEqualTo(before + 1);
      } finally {
        session.reset();
      }
    }
  }

  @Test
  void closingTheSessionLeavesTheRemoteFirefoxRunningAndReadyForTheNextSession() {
    synchronized (RemoteFirefoxBiDiTest.class) {
      succeeded(run(firefox().to(TestPages.url("form.html")).build()).outcome);

      pool.discard(session);

      assertThat(host.isAlive()).isTrue();
      assertThat(host.inNewSession("browser.getUserContexts", Map.of()).get("userContexts"))
          .as("the remote Firefox answers a new session, with none of the worker's user contexts left")
          .isEqualTo(userContextsBefore);
      session = pool.open();
      succeeded(run(firefox().to(TestPages.url("form.html")).build()).outcome);
    }
  }

  @Test
  void anAttemptThatTimesOutAbortsTheSessionAndTheNextSessionRunsOnTheSameRemoteFirefox() {
    synchronized (RemoteFirefoxBiDiTest.class) {
      // The page's image takes 10 s, so the navigation is still waiting for load when the time is up.
      var timedOut = run(firefox().to(TestPages.url("very-slow.html")).withTimeoutMs(4_000).build());

      assertThat(timedOut.outcome).isInstanceOf(AttemptOutcome.Failed.class);
      assertThat(((AttemptOutcome.Failed) timedOut.outcome).failure().kind()).isEqualTo(FailureKind.TIMEOUT);
      assertThat(session).as("the pool replaced the aborted session").isNotSameAs(timedOut.session);
      assertThat(host.isAlive()).isTrue();
      var next = succeeded(run(firefox().to(TestPages.url("form.html"))
          .doing(new Extract("title", "h1", null, null, null, null, null, null, null)).build()).outcome);
      assertThat(next.title()).isEqualTo("Sign up");
    }
  }

  private static dev.browserfleet.worker.support.Assignments firefox() {
    return anAssignment().as(FIREFOX_DESKTOP);
  }

  private record Run(AttemptOutcome outcome, RecordingReports reports, BrowserSession session) {}

  private static Run run(JobAssignment job) {
    return run(job, executor);
  }

  private static synchronized Run run(JobAssignment job, AttemptExecutor with) {
    var reports = new RecordingReports();
    BrowserSession ranOn = session;
    AttemptOutcome outcome = with.execute(job, ranOn, reports, AttemptControl.NONE, "remote-firefox-job");
    session = pool.afterJob(ranOn, outcome.sessionReusable());
    return new Run(outcome, reports, ranOn);
  }

  private static JobResult succeeded(AttemptOutcome outcome) {
    assertThat(outcome).as(() -> outcome instanceof AttemptOutcome.Failed f ? f.failure().message() : "")
        .isInstanceOf(AttemptOutcome.Succeeded.class);
    return outcome.result();
  }

  private static AttemptOutcome.Failed failed(AttemptOutcome outcome) {
    assertThat(outcome).isInstanceOf(AttemptOutcome.Failed.class);
    return (AttemptOutcome.Failed) outcome;
  }
}
