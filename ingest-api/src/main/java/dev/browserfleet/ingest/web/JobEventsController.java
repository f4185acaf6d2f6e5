package dev.browserfleet.ingest.web;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.reference.ApiKeyScope;
import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.ingest.job.JobEventStream;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * GET /jobs/{jobId}/events: Server-Sent Events of a job ({@code status}, {@code log},
 * {@code artifact}, then {@code end}). Each stream polls the projection on a shared scheduler, so
 * an open stream holds no request thread.
 */
@RestController("ingestJobEventsController")
@RequiresScope(ApiKeyScope.JOBS_READ)
@Tag(name = ApiTags.EVENTS)
class JobEventsController {

  private static final Logger log = LoggerFactory.getLogger(JobEventsController.class);
  static final Duration POLL = Duration.ofMillis(250);
  static final Duration MAX_STREAM = Duration.ofHours(1);

  private final JobEventStream stream;
  private final ScheduledExecutorService scheduler;

  JobEventsController(JobEventStream stream, EventStreamScheduler scheduler) {
    this.stream = stream;
    this.scheduler = scheduler.executor();
  }

  @Operation(
      summary = "Follow a job's events",
      description = "Server-Sent Events: status, log and artifact, then end once the job has finished. Each event id is a"
          + " cursor: reconnect with Last-Event-ID to get only what came after it; with none, the whole history.")
  @ApiResponse(responseCode = "200", description = "The event stream (text/event-stream).")
  @ApiResponse(responseCode = "400", description = "The job id is not a UUID.")
  @ApiResponse(responseCode = "404", description = "No such job, or another client's.")
  @GetMapping(path = IngestWebConfiguration.API_BASE + "/jobs/{jobId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(
      @PathVariable UUID jobId,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
      Caller caller) {
    JobId id = new JobId(jobId);
    JobEventStream.Batch first =
        stream.next(id, caller, JobEventStream.Cursor.decode(lastEventId)).orElseThrow(() -> JobController.noSuchJob(jobId));
    var emitter = new SseEmitter(MAX_STREAM.toMillis());
    var cursor = new AtomicReference<>(first.cursor());
    var poller = new AtomicReference<ScheduledFuture<?>>();
    Runnable stop = () -> {
      ScheduledFuture<?> future = poller.get();
      if (future != null) {
        future.cancel(false);
      }
    };
    emitter.onCompletion(stop);
    emitter.onTimeout(stop);
    emitter.onError(e -> stop.run());
    // The first batch is sent from the scheduler too, once the response has been handed over.
    var pending = new AtomicReference<>(first);
    poller.set(
        scheduler.scheduleWithFixedDelay(
            () -> poll(id, caller, emitter, cursor, pending, stop), 0, POLL.toMillis(), TimeUnit.MILLISECONDS));
    return emitter;
  }

  private void poll(
      JobId id,
      Caller caller,
      SseEmitter emitter,
      AtomicReference<JobEventStream.Cursor> cursor,
      AtomicReference<JobEventStream.Batch> pending,
      Runnable stop) {
    try {
      JobEventStream.Batch batch = pending.getAndSet(null);
      if (batch == null) {
        batch = stream.next(id, caller, cursor.get()).orElse(null);
      }
      if (batch == null) {
        emitter.complete();
        stop.run();
        return;
      }
      for (JobEventStream.Event event : batch.events()) {
        emitter.send(SseEmitter.event().id(event.id()).name(event.name()).data(event.data(), MediaType.APPLICATION_JSON));
      }
      cursor.set(batch.cursor());
      if (batch.finished()) {
        emitter.complete();
        stop.run();
      }
    } catch (IOException | IllegalStateException e) {
      // The client went away (or the emitter already ended): nothing left to send to.
      stop.run();
    } catch (RuntimeException e) {
      log.warn("Event stream of job {} failed; closing it: {}", id, e.toString());
      emitter.completeWithError(e);
      stop.run();
    }
  }
}
