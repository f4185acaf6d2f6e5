package dev.browserfleet.dispatcher.streams;

import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.MalformedMessageException;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.event.AttemptReport;
import dev.browserfleet.contracts.event.AttemptReportBatch;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.dispatcher.admission.Admission;
import dev.browserfleet.dispatcher.fairness.Notice;
import dev.browserfleet.dispatcher.lifecycle.Decision;
import dev.browserfleet.dispatcher.lifecycle.JobLifecycle;
import dev.browserfleet.dispatcher.lifecycle.JobState;
import dev.browserfleet.dispatcher.lifecycle.LaneRouter;
import dev.browserfleet.dispatcher.lifecycle.Output;
import dev.browserfleet.kafka.DeadLetters;
import dev.browserfleet.dispatcher.lifecycle.Timer;
import dev.browserfleet.dispatcher.lifecycle.WorkerRoster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shell around {@link JobLifecycle}: reads one command or report, loads the job's state,
 * applies the decision, stores the new state and forwards what it says to send. A record that
 * cannot be read, or that the dispatcher fails on, is dead-lettered with the reason; the stream
 * goes on.
 */
final class JobProcessor implements Processor<String, byte[], String, Outbound> {

  private static final Logger log = LoggerFactory.getLogger(JobProcessor.class);
  static final String SERVICE = "dispatcher";

  /**
   * A record that comes after this long without one is committed as soon as it is processed.
   * Otherwise it would wait for the next commit-interval check, which an idle stream thread makes
   * only once a poll interval; under a steady flow records are committed every commit interval.
   */
  private static final long QUIET_NANOS = Duration.ofMillis(10).toNanos();

  /** At most this many timers fire in one punctuation, so that one transaction stays small. */
  private static final int TIMERS_PER_PUNCTUATION = 1_000;

  private final DispatcherSettings settings;
  private final JobLifecycle lifecycle;
  private ProcessorContext<String, Outbound> context;
  private KeyValueStore<String, JobState> jobs;
  private JobTimers timers;
  private WorkerRoster workers;
  private Admission admission;
  // The one armed timer punctuation and when it fires (epoch ms), or null and MAX_VALUE.
  private Cancellable timerPunctuation;
  private long punctuationAt = Long.MAX_VALUE;
  private long lastRecordNanos = System.nanoTime() - QUIET_NANOS;

  JobProcessor(DispatcherSettings settings) {
    this.settings = settings;
    this.lifecycle = new JobLifecycle(new LaneRouter(settings.bands()), settings.lifecycle(), UUID::randomUUID);
  }

  @Override
  public void init(ProcessorContext<String, Outbound> context) {
    this.context = context;
    this.jobs = context.getStateStore(DispatcherTopology.JOB_STATE_STORE);
    this.timers = new JobTimers(context.getStateStore(DispatcherTopology.TIMER_STORE),
        context.getStateStore(DispatcherTopology.TIMERS_BY_JOB_STORE));
    this.workers = new StoreWorkerRoster(context.getStateStore(DispatcherTopology.WORKERS_STORE));
    TimestampedKeyValueStore<String, BrowserType> types = context.getStateStore(DispatcherTopology.BROWSER_TYPES_STORE);
    TimestampedKeyValueStore<String, UrlPolicy> policies = context.getStateStore(DispatcherTopology.URL_POLICIES_STORE);
    this.admission = new Admission(
        id -> Optional.ofNullable(types.get(Integer.toString(id))).map(ValueAndTimestamp::value),
        settings.targets(),
        () -> UrlPolicySnapshot.of(policies));
    armForEarliestTimer();
  }

  /**
   * Arms the timer punctuation for the earliest stored timer, if there is one. Every punctuation
   * makes Kafka Streams commit a transaction, so a dispatcher that punctuated every timer interval
   * would commit ten times a second with nothing to do; it punctuates when a timer is due instead,
   * and at most once a timer interval.
   */
  private void armForEarliestTimer() {
    timers.earliestDueMs().ifPresent(this::armFor);
  }

  private void armFor(long dueMs) {
    long now = context.currentSystemTimeMs();
    long at = Math.max(dueMs, now + settings.timerInterval().toMillis());
    if (punctuationAt <= at) {
      return; // it fires soon enough
    }
    if (timerPunctuation != null) {
      timerPunctuation.cancel();
    }
    timerPunctuation = context.schedule(Duration.ofMillis(at - now), PunctuationType.WALL_CLOCK_TIME, this::fireDueTimers);
    punctuationAt = at;
  }

  /** Asks the lifecycle about every job whose timer is due, oldest first, then arms for the next. */
  private void fireDueTimers(long nowMs) {
    timerPunctuation.cancel();
    timerPunctuation = null;
    punctuationAt = Long.MAX_VALUE;
    try {
      fireTimersDueAt(nowMs);
    } finally {
      armForEarliestTimer();
    }
  }

  private void fireTimersDueAt(long nowMs) {
    Instant now = Instant.ofEpochMilli(nowMs);
    for (String key : timers.takeDue(now, TIMERS_PER_PUNCTUATION)) {
      try {
        Timer timer = TimerKeys.decode(key);
        String jobKey = timer.jobId().toString();
        Decision decision = lifecycle.timer(state(jobKey), timer, workers, now);
        if (decision.isIgnored()) {
          // A timer outlives its purpose when the job started, or when it was retried or handed
          // back (an ended job's timers are removed with it): nothing worth a log line.
          log.debug("Timer ignored: {}", decision.ignoredBecause());
        } else {
          apply(nowMs, jobKey, decision);
        }
      } catch (RuntimeException e) {
        log.error("Dispatcher failed on timer {}; it is dropped", key, e);
      }
    }
  }

  @Override
  public void process(Record<String, byte[]> record) {
    long nanos = System.nanoTime();
    if (nanos - lastRecordNanos >= QUIET_NANOS) {
      context.commit();
    }
    lastRecordNanos = nanos;
    String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("?");
    try {
      Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
      if (Topics.ATTEMPT_REPORTS.name().equals(topic)) {
        processReport(record, now);
      } else if (FairShareTopics.REFUSALS.name().equals(topic)) {
        processRefusal(record, now);
      } else {
        processCommand(record, now);
      }
    } catch (MalformedMessageException e) {
      deadLetter(record, topic, e.getMessage());
    } catch (RuntimeException e) {
      // A bug or an unexpected value: keep the record and the reason, keep the stream going.
      log.error("Dispatcher failed on a record of {} with key {}", topic, record.key(), e);
      deadLetter(record, topic, "the dispatcher failed on this record: " + e);
    }
  }

  private void processCommand(Record<String, byte[]> record, Instant now) {
    String key = record.key();
    switch (admission.read(key, record.value(), now)) {
      case Admission.Admitted a -> apply(record, key, lifecycle.submit(state(key), a.job(), a.type(), now));
      case Admission.Rejected r -> {
        // A record keyed by something else sits in another partition than the job's state; it
        // is answered with a rejection but leaves no state behind.
        JobState current = r.jobId().toString().equals(key) ? state(key) : null;
        Decision decision = lifecycle.reject(current, r.jobId(), r.partial(), r.field(), r.reason(), now);
        apply(record, r.jobId().toString().equals(key) ? key : null, decision);
      }
      case Admission.Cancel c -> apply(record, key, lifecycle.cancel(state(c.command().jobId().toString()), c.command(), now));
      case Admission.Unreadable u -> deadLetter(record, Topics.JOB_COMMANDS.name(), u.reason());
    }
  }

  /** A batch's reports are decided one after another, each on the state the one before left. */
  private void processReport(Record<String, byte[]> record, Instant now) {
    AttemptReport report = JsonCodec.decode(record.value(), AttemptReport.class);
    String key = report.jobId().toString();
    List<AttemptReport> reports = report instanceof AttemptReportBatch batch ? batch.reports() : List.of(report);
    for (AttemptReport each : reports) {
      apply(record, key, lifecycle.report(state(key), each, now));
    }
  }

  private void processRefusal(Record<String, byte[]> record, Instant now) {
    FairShareRefusal refusal = JsonCodec.decode(record.value(), FairShareRefusal.class);
    String key = refusal.jobId().toString();
    apply(record, key, lifecycle.refuse(state(key), refusal.attempt(), refusal.reason(), now));
  }

  private JobState state(String key) {
    return key == null ? null : jobs.get(key);
  }

  private void apply(Record<String, byte[]> input, String stateKey, Decision decision) {
    apply(input.timestamp(), stateKey, decision);
  }

  private void apply(long timestamp, String stateKey, Decision decision) {
    if (decision.isIgnored()) {
      log.info("Ignored: {}", decision.ignoredBecause());
      return;
    }
    JobState before = stateKey == null ? null : jobs.get(stateKey);
    if (decision.state() != null && stateKey != null) {
      jobs.put(stateKey, decision.state());
    }
    // Attempts are not put on their lanes here: the fair share releases them as slots free up.
    for (Notice notice : Notice.of(before, decision, settings.bands())) {
      context.forward(new Record<>(FairShareTopics.KEY, (Outbound) new Outbound.Notice(JsonCodec.encode(notice)), timestamp));
    }
    for (Output output : decision.outputs()) {
      switch (output) {
        case Output.Event e -> context.forward(
            new Record<>(e.event().jobId().toString(), (Outbound) new Outbound.Event(JsonCodec.encode(e.event())), timestamp));
        case Output.Assign a -> { } // a notice above
        case Output.Revoke r -> context.forward(
            new Record<>(r.revocation().key(), (Outbound) new Outbound.Revocation(JsonCodec.encode(r.revocation())), timestamp));
        case Output.Schedule t -> {
          timers.schedule(t.timer());
          armFor(t.timer().dueAt().toEpochMilli());
        }
      }
    }
    if (decision.state() != null && decision.state().phase().isTerminal()) {
      timers.forget(decision.state().jobId());
    }
  }

  private void deadLetter(Record<String, byte[]> record, String topic, String reason) {
    var metadata = context.recordMetadata();
    int partition = metadata.map(RecordMetadata::partition).orElse(-1);
    long offset = metadata.map(RecordMetadata::offset).orElse(-1L);
    log.warn("Dead-lettering record {}@{}/{}: {}", topic, partition, offset, reason);
    context.forward(new Record<>(record.key(), (Outbound) new Outbound.DeadLetter(record.value()), record.timestamp(),
        DeadLetters.headers(topic, partition, offset, reason, SERVICE)));
  }
}
