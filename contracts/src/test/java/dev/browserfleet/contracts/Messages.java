package dev.browserfleet.contracts;

import dev.browserfleet.contracts.action.BrowserStorage;
import dev.browserfleet.contracts.action.Check;
import dev.browserfleet.contracts.action.Clear;
import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.ExecuteScript;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.contracts.action.Fill;
import dev.browserfleet.contracts.action.FramePath;
import dev.browserfleet.contracts.action.Hover;
import dev.browserfleet.contracts.action.MoveCursor;
import dev.browserfleet.contracts.action.Navigate;
import dev.browserfleet.contracts.action.Pdf;
import dev.browserfleet.contracts.action.Press;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.action.Scroll;
import dev.browserfleet.contracts.action.Select;
import dev.browserfleet.contracts.action.Snapshot;
import dev.browserfleet.contracts.action.TargetBy;
import dev.browserfleet.contracts.action.Type;
import dev.browserfleet.contracts.action.Uncheck;
import dev.browserfleet.contracts.action.Wait;
import dev.browserfleet.contracts.action.WaitFor;
import dev.browserfleet.contracts.command.CancelJob;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.contracts.event.ActionResult;
import dev.browserfleet.contracts.event.DialogResult;
import dev.browserfleet.contracts.event.Artifact;
import dev.browserfleet.contracts.event.AttemptArtifactStored;
import dev.browserfleet.contracts.event.AttemptFailed;
import dev.browserfleet.contracts.event.AttemptLogged;
import dev.browserfleet.contracts.event.AttemptProgressed;
import dev.browserfleet.contracts.event.AttemptStarted;
import dev.browserfleet.contracts.event.AttemptSucceeded;
import dev.browserfleet.contracts.event.JobAccepted;
import dev.browserfleet.contracts.event.JobArtifactStored;
import dev.browserfleet.contracts.event.AttemptReleased;
import dev.browserfleet.contracts.event.AttemptReport;
import dev.browserfleet.contracts.event.AttemptReportBatch;
import dev.browserfleet.contracts.event.JobCancelled;
import dev.browserfleet.contracts.event.JobRequeued;
import dev.browserfleet.contracts.lane.AttemptRevoked;
import dev.browserfleet.contracts.event.JobFailed;
import dev.browserfleet.contracts.event.JobLogged;
import dev.browserfleet.contracts.event.JobProgressed;
import dev.browserfleet.contracts.event.JobRejected;
import dev.browserfleet.contracts.event.JobResult;
import dev.browserfleet.contracts.event.JobStarted;
import dev.browserfleet.contracts.event.JobSucceeded;
import dev.browserfleet.contracts.event.WorkerHeartbeat;
import dev.browserfleet.contracts.event.WorkerStopped;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.webhook.DeliveryAttempted;
import dev.browserfleet.contracts.webhook.DeliveryOutcome;
import dev.browserfleet.contracts.webhook.DeliveryScheduled;
import dev.browserfleet.contracts.reference.ApiKeyStatus;
import dev.browserfleet.contracts.reference.ApiKeyUsage;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.contracts.reference.UrlPolicyType;
import dev.browserfleet.contracts.reference.SeedBrowserTypes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One example of every message, as Java values; each has a golden JSON file of the same name. */
final class Messages {

  static final JobId JOB = JobId.of("0b8e9c1e-4f6a-4d1e-9a57-3c2f1d0e8b7a");
  static final WorkerId WORKER = WorkerId.of("5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b");
  static final Instant AT = Instant.parse("2026-11-25T08:00:00.123Z");
  static final UUID ARTIFACT = UUID.fromString("7d3f6b2a-1c4e-4a8b-9f0d-2e5c7a9b1d3f");

  static final SubmitJob SUBMIT =
      new SubmitJob(
          JOB,
          "acme",
          1,
          "https://example.com/",
          List.of(
              new Navigate("https://example.com/login", WaitUntil.LOAD, null),
              new Fill("#user", null, null, null, null, "ada"),
              new Type("Password", TargetBy.GET_BY_LABEL, null, null, null, "s3cret", 20),
              new Clear("#note", null, null, FramePath.of("#editor"), null),
              new Select("country", TargetBy.GET_BY_TEST_ID, null, null, null, null, "France", null),
              new Check("#terms", null, null, null, null),
              new Uncheck("#newsletter", null, null, null, null),
              new Hover("menu", TargetBy.GET_BY_ROLE, null, null, null),
              new Press(null, null, null, null, null, "Control+a"),
              new Click("Sign in", TargetBy.GET_BY_TEXT, 0, null, 5000, "left", 1, true),
              new WaitFor(null, null, null, null, 10_000, null, null, "/dashboard", null),
              new Scroll(null, null, null, null, null, null, true, 1500),
              new MoveCursor(".avatar", null, null, null, null, null, null, 300),
              new Wait(250),
              new Extract("heading", "h1", null, null, null, null, null, "text", false),
              new Screenshot(true, "png", null, null),
              new Screenshot(null, "jpeg", 80, null, "#chart", null, null, null),
              new Pdf("A4", false, true, new Pdf.Margin(1.0, 1.0, 1.5, 1.0), 1.0, null),
              new Snapshot(true, true, false, null),
              new ExecuteScript("return document.title", "title", null)),
          WaitUntil.NETWORK_IDLE,
          50,
          30_000,
          0,
          AT,
          new BrowserStorage(
              List.of(new BrowserStorage.Cookie("session", "abc123", "example.com", "/", true, true, "Lax", 1_900_000_000L)),
              Map.of("theme", "dark"),
              Map.of("tab", "2")));

  static final JobResult RESULT =
      new JobResult(
          List.of(
              new ActionResult(0, "navigate", true, 310, null, null),
              new ActionResult(1, "screenshot", true, 120, ARTIFACT, null)),
          new LinkedHashMap<>(Map.of("heading", "Example Domain")),
          null,
          "https://example.com/",
          "Example Domain");

  /** A result that lists the dialogs its job met; RESULT and PARTIAL, which met none, have no dialogs field. */
  static final JobResult WITH_DIALOGS =
      new JobResult(
          List.of(
              new ActionResult(0, "dialogs", true, 0, null, null),
              new ActionResult(1, "click", true, 42, null, null)),
          Map.of(),
          null,
          "https://example.com/",
          "Example Domain",
          List.of(
              new DialogResult(DialogResult.ALERT, "welcome", DialogResult.ACCEPTED, null),
              new DialogResult(DialogResult.PROMPT, "Your name?", DialogResult.ACCEPTED, "Ada"),
              new DialogResult(DialogResult.CONFIRM, "Sure?", DialogResult.DISMISSED, null)));

  static final JobResult PARTIAL =
      new JobResult(
          List.of(new ActionResult(0, "click", false, 5003, null, "click: no element matches '#missing' (getBySelector) after 5000 ms")),
          Map.of(),
          0,
          "https://example.com/",
          "Example Domain");

  static final Artifact PNG =
      new Artifact(
          ARTIFACT,
          ArtifactType.SCREENSHOT,
          JOB + "/" + ARTIFACT + ".png",
          "image/png",
          18_232,
          "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
          1);

  private static final UUID EVENT = UUID.fromString("11111111-2222-4333-8444-555555555555");

  /** Golden file name (without .json) to the value it must decode to. */
  static Map<String, Object> all() {
    var all = new LinkedHashMap<String, Object>();
    all.put("job.submit", SUBMIT);
    all.put("job.cancel", new CancelJob(JOB, "acme", "no longer needed", AT));
    all.put("job.accepted", new JobAccepted(EVENT, JOB, 1, AT, SUBMIT, "chromium/normal"));
    all.put("job.rejected", new JobRejected(EVENT, JOB, 1, AT, SUBMIT, "browserTypeId", "no active browser type 99"));
    all.put("job.started", new JobStarted(EVENT, JOB, 2, AT, 1, WORKER));
    all.put("job.log", new JobLogged(EVENT, JOB, 3, AT, 1, LogLevel.INFO, "action 1/2 navigate ok in 310 ms",
        Map.of("index", 0, "action", "navigate", "durationMs", 310)));
    all.put("job.progress", new JobProgressed(EVENT, JOB, 4, AT, 1, 1, 5, "click", "getBySelector '#submit'", 38,
        true, null));
    all.put("job.artifact-stored", new JobArtifactStored(EVENT, JOB, 4, AT, 1, PNG));
    all.put("job.succeeded", new JobSucceeded(EVENT, JOB, 5, AT, 1, RESULT));
    all.put("job.failed", new JobFailed(EVENT, JOB, 5, AT, 1, "click: no element matches '#missing'", PARTIAL));
    all.put("job.requeued", new JobRequeued(EVENT, JOB, 4, AT, 1, 2, 1,
        "attempt 1 failed: navigation to https://example.com/ failed: net::ERR_CONNECTION_RESET", AT.plusMillis(1_250)));
    all.put("job.cancelled", new JobCancelled(EVENT, JOB, 3, AT, "cancelled by client acme"));
    all.put("attempt.started", new AttemptStarted(EVENT, JOB, 1, WORKER, AT));
    all.put("attempt.log", new AttemptLogged(EVENT, JOB, 1, WORKER, AT, LogLevel.INFO, "action 1/2 navigate ok in 310 ms",
        Map.of("index", 0, "action", "navigate", "durationMs", 310)));
    all.put("attempt.progress", new AttemptProgressed(EVENT, JOB, 1, WORKER, AT, 1, 5, "click",
        "getBySelector '#submit'", 38, true, null));
    all.put("attempt.artifact-stored", new AttemptArtifactStored(EVENT, JOB, 1, WORKER, AT, PNG));
    all.put("attempt.succeeded", new AttemptSucceeded(EVENT, JOB, 1, WORKER, AT, RESULT));
    all.put("attempt.succeeded.dialogs", new AttemptSucceeded(EVENT, JOB, 1, WORKER, AT, WITH_DIALOGS));
    all.put("attempt.failed", new AttemptFailed(EVENT, JOB, 1, WORKER, AT, "click: no element matches '#missing'", false, PARTIAL));
    all.put("attempt.batch", new AttemptReportBatch(EVENT, JOB, 1, WORKER, AT, List.of(
        (AttemptReport) all.get("attempt.progress"), (AttemptReport) all.get("attempt.artifact-stored"),
        (AttemptReport) all.get("attempt.succeeded"))));
    all.put("attempt.released", new AttemptReleased(EVENT, JOB, 1, WORKER, AT, "the worker is stopping"));
    all.put("attempt-revoked", new AttemptRevoked(JOB, 1, null, "cancelled by client acme", AT));
    all.put("worker.heartbeat", new WorkerHeartbeat(EVENT, WORKER, AT, "worker-a-4242", Engine.CHROMIUM, WorkerStatus.BUSY, JOB, 1, AT));
    all.put("worker.stopped", new WorkerStopped(EVENT, WORKER, AT, "worker-a-4242", Engine.CHROMIUM));
    all.put("browser-type", SeedBrowserTypes.all().get(1));
    all.put("api-key", new ApiKey(UUID.fromString("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"),
        "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", "acme", "CI pipeline",
        ApiKeyStatus.ACTIVE, 100, true, null, AT, AT));
    all.put("api-key.scoped", new ApiKey(UUID.fromString("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"),
        "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", "acme", "read-only dashboard",
        ApiKeyStatus.ACTIVE, 100, true, AT.plusSeconds(86_400), AT, AT, List.of("jobs:read")));
    all.put("api-key.limited", new ApiKey(UUID.fromString("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"),
        "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", "acme", "batch pipeline",
        ApiKeyStatus.ACTIVE, 100, true, null, AT, AT, null, 2, 500, null, null));
    all.put("api-key-usage", new ApiKeyUsage(UUID.fromString("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"), AT));
    all.put("url-policy", new UrlPolicy(UUID.fromString("bbbbbbbb-cccc-4ddd-8eee-ffffffffffff"), "*.internal.example.com",
        UrlPolicyType.BLACKLIST, "internal hosts are not for robots", true, AT, AT));
    all.put("job.submit.callback", new SubmitJob(JOB, "acme", 1, "https://example.com/", List.of(), null, null, null, null,
        AT, null, "https://hooks.example.com/browserfleet", UUID.fromString("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee")));
    all.put("api-key.webhook", new ApiKey(UUID.fromString("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"),
        "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", "acme", "CI pipeline",
        ApiKeyStatus.ACTIVE, 100, true, null, AT, AT, null, null, null, "https://hooks.example.com/browserfleet",
        "v1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
    all.put("webhook.scheduled", new DeliveryScheduled(UUID.fromString("cccccccc-dddd-4eee-8fff-000000000000"), JOB,
        "acme", "https://hooks.example.com/browserfleet", UUID.fromString("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"),
        "{\"jobId\":\"0b8e9c1e-4f6a-4d1e-9a57-3c2f1d0e8b7a\",\"status\":\"completed\"}", AT));
    all.put("webhook.attempted", new DeliveryAttempted(UUID.fromString("cccccccc-dddd-4eee-8fff-000000000000"), JOB, 1, AT,
        503, null, 42, DeliveryOutcome.RETRYING, AT.plusSeconds(10)));
    all.put("job-assignment", new JobAssignment(JOB, 1, "chromium/normal", SeedBrowserTypes.all().getFirst(),
        SUBMIT.targetUrl(), SUBMIT.actions(), SUBMIT.waitUntil(), SUBMIT.timeoutMs(), SUBMIT.priority(), AT, SUBMIT.browserStorage()));
    return all;
  }

  private Messages() {}
}
