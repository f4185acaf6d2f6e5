package dev.browserfleet.cli;

import dev.browserfleet.cli.api.ApiClient;
import dev.browserfleet.cli.api.ServerSentEvents;
import dev.browserfleet.cli.output.Progress;
import java.util.Iterator;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * {@code watch ID} and {@code submit --wait}: follows the job's Server-Sent Events to their
 * {@code end}, showing progress (action n of m, the current action). A dropped stream is resumed
 * from the last event's id, so nothing is shown twice. Exits 0 when the job completed and 1 when it
 * failed or was cancelled, printing why.
 */
final class JobFollower {

  /** Dropped streams resumed in a row before giving up; any event received resets the count. */
  private static final int RECONNECTS = 5;

  private final ApiClient api;
  private final Console console;
  private String shown;

  JobFollower(ApiClient api, Console console) {
    this.api = api;
    this.console = console;
  }

  int watch(String jobId) {
    JsonNode job = api.get("/jobs/" + jobId);
    var progress = new Progress(job.path("actions").size());
    progress.status(job.path("status").asString());
    show(progress, false);
    String lastEventId = null;
    String endStatus = null;
    int failures = 0;
    while (endStatus == null) {
      var state = new StreamState(lastEventId);
      try {
        endStatus = follow(jobId, progress, state);
      } catch (CliException e) {
        if (state.received == 0 && ++failures > RECONNECTS) {
          throw e;
        }
      }
      if (state.received > 0) {
        failures = 0;
      } else if (endStatus == null && ++failures > RECONNECTS) {
        throw new CliException(CliException.USAGE, "the event stream of job " + jobId + " kept closing without its end");
      }
      lastEventId = state.lastEventId;
    }
    show(progress, true);
    JsonNode finished = api.get("/jobs/" + jobId);
    String status = finished.path("status").asString(endStatus);
    if (console.json()) {
      console.print(finished);
    } else {
      String ran = dev.browserfleet.cli.output.Text.between(
          finished.path("startedAt").asString(null), finished.path("completedAt").asString(null));
      console.line(jobId + " " + status + ("-".equals(ran) ? "" : " in " + ran));
    }
    if ("completed".equals(status)) {
      return 0;
    }
    String error = finished.path("errorMessage").asString("");
    console.note("job " + jobId + " " + status + (error.isBlank() ? "" : ": " + error));
    return CliException.JOB_FAILED;
  }

  /** Shows the progress line when it changed (a status event can repeat the status), and always the last time. */
  private void show(Progress progress, boolean last) {
    String line = progress.line();
    if (!line.equals(shown) || last && console.interactive()) {
      console.progress(line, last);
      shown = line;
    }
  }

  /** Where a stream got to: the last event's id (the cursor to resume from) and how many came. */
  private static final class StreamState {
    String lastEventId;
    int received;

    StreamState(String lastEventId) {
      this.lastEventId = lastEventId;
    }
  }

  /** Reads one connection's events; the job's final status once {@code end} came, null if it closed before. */
  private String follow(String jobId, Progress progress, StreamState state) {
    String[] end = {null};
    var parser = new ServerSentEvents(event -> {
      state.received++;
      if (event.id() != null) {
        state.lastEventId = event.id();
      }
      JsonNode data = ApiClient.parse(event.data(), "an event");
      switch (event.name()) {
        case "status" -> {
          progress.status(data.path("status").asString());
          show(progress, false);
        }
        case "log" -> {
          JsonNode metadata = data.path("metadata");
          if (metadata.has("index") && metadata.has("action")) {
            progress.actionEnded(metadata.path("index").asInt(), metadata.path("action").asString(),
                metadata.path("attempt").asInt(1), metadata.path("success").asBoolean(true));
            show(progress, false);
          }
        }
        case "end" -> {
          progress.status(data.path("status").asString());
          end[0] = data.path("status").asString();
        }
        default -> { } // artifact events: show lists them once the job has ended
      }
    });
    try (Stream<String> lines = api.events("/jobs/" + jobId + "/events", state.lastEventId)) {
      Iterator<String> it = lines.iterator();
      while (end[0] == null && it.hasNext()) {
        parser.line(it.next());
      }
    } catch (java.io.UncheckedIOException e) {
      return null; // the connection dropped: resumed from lastEventId
    }
    return end[0];
  }
}
