package dev.browserfleet.contracts.command;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WaitUntil;
import dev.browserfleet.contracts.action.Action;
import dev.browserfleet.contracts.action.BrowserStorage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Submit a job ({@code "type": "job.submit"}). Optional fields take SCHEMA.md's defaults: priority
 * 0, timeoutMs 30000, maxRetries 3, waitUntil networkidle. An explicit {@code maxRetries: 0}
 * means no retry.
 *
 * @param clientId the owning client; set by the ingest-api from the API key, optional for
 *     producers that write straight to Kafka (such jobs are visible to admins only)
 * @param submittedAt when the client submitted; the dispatcher stamps it if absent
 * @param browserStorage cookies and storage the browser starts with, or {@code null}
 * @param callbackUrl where the job's outcome is POSTed when it ends, or {@code null}
 * @param callbackKeyId the API key whose webhook secret signs that POST; set by the ingest-api
 */
public record SubmitJob(
    JobId jobId,
    String clientId,
    Integer browserTypeId,
    String targetUrl,
    List<Action> actions,
    WaitUntil waitUntil,
    Integer priority,
    Integer timeoutMs,
    Integer maxRetries,
    Instant submittedAt,
    BrowserStorage browserStorage,
    String callbackUrl,
    UUID callbackKeyId)
    implements JobCommand {

  public static final String TYPE = "job.submit";
  public static final int DEFAULT_PRIORITY = 0;
  public static final int DEFAULT_TIMEOUT_MS = 30_000;
  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final WaitUntil DEFAULT_WAIT_UNTIL = WaitUntil.NETWORK_IDLE;

  public SubmitJob {
    actions = actions == null ? List.of() : List.copyOf(actions);
    waitUntil = waitUntil == null ? DEFAULT_WAIT_UNTIL : waitUntil;
    priority = priority == null ? DEFAULT_PRIORITY : priority;
    timeoutMs = timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs;
    maxRetries = maxRetries == null ? DEFAULT_MAX_RETRIES : maxRetries;
  }

  /** A submission without browser storage. */
  public SubmitJob(
      JobId jobId,
      String clientId,
      Integer browserTypeId,
      String targetUrl,
      List<Action> actions,
      WaitUntil waitUntil,
      Integer priority,
      Integer timeoutMs,
      Integer maxRetries,
      Instant submittedAt) {
    this(jobId, clientId, browserTypeId, targetUrl, actions, waitUntil, priority, timeoutMs, maxRetries,
        submittedAt, null, null, null);
  }

  /** A submission without a callback. */
  public SubmitJob(
      JobId jobId,
      String clientId,
      Integer browserTypeId,
      String targetUrl,
      List<Action> actions,
      WaitUntil waitUntil,
      Integer priority,
      Integer timeoutMs,
      Integer maxRetries,
      Instant submittedAt,
      BrowserStorage browserStorage) {
    this(jobId, clientId, browserTypeId, targetUrl, actions, waitUntil, priority, timeoutMs, maxRetries,
        submittedAt, browserStorage, null, null);
  }

  public SubmitJob withSubmittedAt(Instant at) {
    return new SubmitJob(
        jobId, clientId, browserTypeId, targetUrl, actions, waitUntil, priority, timeoutMs,
        maxRetries, at, browserStorage, callbackUrl, callbackKeyId);
  }
}
