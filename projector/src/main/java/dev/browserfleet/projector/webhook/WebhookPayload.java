package dev.browserfleet.projector.webhook;

import dev.browserfleet.contracts.JsonCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of a job's callback: what a client would otherwise poll for, with each artifact's
 * API download path (relative to the API's base URL, so that it needs the client's key to follow).
 */
public final class WebhookPayload {

  /** The value of the body's {@code type}: what happened. */
  public static final String TYPE = "job.ended";

  private WebhookPayload() {}

  public static String json(TerminalJob job) {
    var body = new LinkedHashMap<String, Object>();
    body.put("type", TYPE);
    body.put("jobId", job.jobId());
    body.put("status", job.status());
    body.put("browserTypeId", job.browserTypeId());
    body.put("browserType", job.browserTypeName());
    body.put("targetUrl", job.targetUrl());
    body.put("createdAt", job.createdAt());
    body.put("startedAt", job.startedAt());
    body.put("completedAt", job.completedAt());
    body.put("retryCount", job.retryCount());
    body.put("errorMessage", job.errorMessage());
    body.put("result", job.resultJson() == null ? null : JsonCodec.readTree(job.resultJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    List<Map<String, Object>> artifacts = job.artifacts().stream().map(a -> artifact(job, a)).toList();
    body.put("artifacts", artifacts);
    return JsonCodec.toJson(body);
  }

  private static Map<String, Object> artifact(TerminalJob job, TerminalJob.Artifact artifact) {
    var out = new LinkedHashMap<String, Object>();
    out.put("id", artifact.id());
    out.put("artifactType", artifact.artifactType());
    out.put("mimeType", artifact.mimeType());
    out.put("sizeBytes", artifact.sizeBytes());
    out.put("sha256", artifact.sha256());
    out.put("downloadPath", "/api/v1/jobs/" + job.jobId() + "/artifacts/" + artifact.id());
    return out;
  }
}
