package dev.browserfleet.cli;

import dev.browserfleet.cli.api.ApiClient;
import dev.browserfleet.cli.output.Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** {@code submit}, {@code jobs}, {@code show}, {@code logs} and {@code cancel}. */
final class JobCommands {

  private static final Set<String> STATUSES = Set.of("pending", "processing", "completed", "failed", "cancelled");
  private static final int LOG_PAGE = 500;

  private final ApiClient api;
  private final Console console;

  JobCommands(ApiClient api, Console console) {
    this.api = api;
    this.console = console;
  }

  /** A job id as the API takes it; anything else is bad input, found before any request. */
  static String jobId(String text) {
    try {
      return UUID.fromString(text.strip()).toString();
    } catch (IllegalArgumentException e) {
      throw CliException.usage("not a job id (a UUID): " + text);
    }
  }

  int submit(Path file, boolean await) {
    String body;
    try {
      body = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw CliException.usage("no such file: " + file);
    } catch (IOException e) {
      throw CliException.usage("cannot read " + file + ": " + e.getMessage());
    }
    JsonNode job = ApiClient.parse(body, file.getFileName().toString());
    if (!job.isObject()) {
      throw CliException.usage(file.getFileName() + " must hold one JSON object (a job), not " + job.getNodeType().name().toLowerCase());
    }
    JsonNode accepted = api.post("/jobs", body);
    String jobId = accepted.path("jobId").asString();
    if (!await) {
      if (console.json()) {
        console.print(accepted);
      } else {
        console.line(jobId);
      }
      return 0;
    }
    if (!console.json()) {
      console.line(jobId);
    }
    return new JobFollower(api, console).watch(jobId);
  }

  int jobs(String status, Integer limit) {
    if (status != null && !STATUSES.contains(status)) {
      throw CliException.usage("jobs: --status must be one of " + String.join(", ", List.of("pending", "processing", "completed", "failed", "cancelled"))
          + ", not " + status);
    }
    var query = new LinkedHashMap<String, String>();
    query.put("status", status);
    query.put("limit", limit == null ? null : limit.toString());
    JsonNode page = api.get("/jobs", query);
    if (console.json()) {
      console.print(page);
      return 0;
    }
    var rows = new ArrayList<List<String>>();
    for (JsonNode job : page.path("items")) {
      rows.add(List.of(
          job.path("jobId").asString(),
          job.path("status").asString(),
          job.path("browserTypeId").isNull() ? "-" : job.path("browserTypeId").asString(),
          job.path("priority").asString("-"),
          job.path("retryCount").asString("0"),
          Text.time(job.path("createdAt").asString(null)),
          Text.between(job.path("startedAt").asString(null), job.path("completedAt").asString(null)),
          Text.cut(job.path("targetUrl").asString(""), 60)));
    }
    if (rows.isEmpty()) {
      console.line("no jobs" + (status == null ? "" : " with status " + status));
      return 0;
    }
    Text.table(List.of("JOB", "STATUS", "TYPE", "PRIO", "RETRIES", "CREATED (UTC)", "RAN", "TARGET"), rows).forEach(console::line);
    if (!page.path("nextCursor").isNull() && !page.path("nextCursor").isMissingNode()) {
      console.note("(more jobs: raise --limit, up to 100, or use the API's cursor)");
    }
    return 0;
  }

  int show(String id) {
    JsonNode job = api.get("/jobs/" + jobId(id));
    if (console.json()) {
      console.print(job);
      return 0;
    }
    var fields = new LinkedHashMap<String, String>();
    fields.put("job", job.path("jobId").asString());
    fields.put("status", job.path("status").asString());
    fields.put("target", job.path("targetUrl").asString(""));
    fields.put("browser type", job.path("browserTypeId").isNull() ? "-" : job.path("browserTypeId").asString());
    fields.put("priority", job.path("priority").asString("-"));
    fields.put("retries", job.path("retryCount").asString("0") + " of " + job.path("maxRetries").asString("-"));
    fields.put("timeout", job.path("timeoutMs").asString("-") + " ms");
    fields.put("created", Text.time(job.path("createdAt").asString(null)));
    fields.put("started", Text.time(job.path("startedAt").asString(null)));
    fields.put("completed", Text.time(job.path("completedAt").asString(null)));
    fields.put("queued for", Text.between(job.path("createdAt").asString(null), job.path("startedAt").asString(null)));
    fields.put("ran for", Text.between(job.path("startedAt").asString(null), job.path("completedAt").asString(null)));
    if (!job.path("errorMessage").isNull() && !job.path("errorMessage").isMissingNode()) {
      fields.put("error", job.path("errorMessage").asString());
    }
    printFields(fields);
    List<String> actions = actionLines(job);
    if (!actions.isEmpty()) {
      console.line("");
      console.line("actions:");
      actions.forEach(console::line);
    }
    JsonNode data = job.path("result").path("data");
    if (data.isObject() && !data.isEmpty()) {
      console.line("");
      console.line("extracted data:");
      console.line(ApiClient.pretty(data));
    }
    JsonNode artifacts = job.path("artifacts");
    if (!artifacts.isEmpty()) {
      console.line("");
      console.line("artifacts (browserfleet artifacts " + job.path("jobId").asString() + " --out DIR downloads them):");
      for (JsonNode a : artifacts) {
        console.line("  " + a.path("id").asString() + "  " + a.path("artifactType").asString() + "  " + a.path("mimeType").asString()
            + "  " + Text.bytes(a.path("sizeBytes").asLong()) + "  sha256 " + a.path("sha256").asString("-"));
      }
    }
    return 0;
  }

  /** Each action with, once run, its outcome and duration from the result. */
  private static List<String> actionLines(JsonNode job) {
    var lines = new ArrayList<String>();
    JsonNode ran = job.path("result").path("actions");
    int i = 0;
    for (JsonNode action : job.path("actions")) {
      JsonNode outcome = ran.path(i);
      String state;
      if (outcome.isMissingNode() || outcome.isNull()) {
        state = "not run";
      } else {
        boolean ok = outcome.path("success").asBoolean(outcome.path("error").isMissingNode() || outcome.path("error").isNull());
        state = (ok ? "ok" : "failed") + (outcome.has("durationMs") ? " in " + outcome.path("durationMs").asLong() + " ms" : "")
            + (ok ? "" : ": " + outcome.path("error").asString(""));
      }
      lines.add(String.format("  %2d. %-12s %s", i + 1, action.path("action").asString(), state));
      i++;
    }
    return lines;
  }

  int logs(String id) {
    String job = jobId(id);
    var all = new ArrayList<JsonNode>();
    String after = null;
    while (true) {
      var query = new LinkedHashMap<String, String>();
      query.put("limit", Integer.toString(LOG_PAGE));
      query.put("after", after);
      JsonNode page = api.get("/jobs/" + job + "/logs", query);
      page.path("items").forEach(all::add);
      JsonNode next = page.path("nextAfter");
      if (next.isNull() || next.isMissingNode() || page.path("items").isEmpty()) {
        break;
      }
      after = next.asString();
    }
    if (console.json()) {
      console.print(ApiClient.arrayOf(all));
      return 0;
    }
    for (JsonNode line : all) {
      console.line(Text.time(line.path("createdAt").asString(null)) + "  " + String.format("%-5s", line.path("level").asString())
          + "  " + line.path("message").asString());
    }
    if (all.isEmpty()) {
      console.note("no log lines yet");
    }
    return 0;
  }

  int cancel(String id) {
    JsonNode answer = api.post("/jobs/" + jobId(id) + "/cancel", null);
    if (console.json()) {
      console.print(answer);
    } else {
      console.line("cancellation requested for " + answer.path("jobId").asString() + " (it was " + answer.path("status").asString() + ")");
    }
    return 0;
  }

  private void printFields(Map<String, String> fields) {
    int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
    fields.forEach((k, v) -> console.line(String.format("%-" + width + "s  %s", k, v)));
  }
}
