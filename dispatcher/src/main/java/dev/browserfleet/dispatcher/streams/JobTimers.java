package dev.browserfleet.dispatcher.streams;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.dispatcher.lifecycle.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The dispatcher's timers, in two stores: by due time ({@link TimerKeys}), which is how they fire,
 * and by job ({@code <job id>|<timer key>}), so that a job that ends takes its timers with it.
 * Without the second, a finished job's queue timeout and lease would still fire minutes later,
 * each punctuation an exactly-once transaction that changes nothing.
 */
final class JobTimers {

  private static final StringSerializer KEYS = new StringSerializer();

  private final KeyValueStore<String, String> byDueTime;
  private final KeyValueStore<String, String> byJob;

  JobTimers(KeyValueStore<String, String> byDueTime, KeyValueStore<String, String> byJob) {
    this.byDueTime = byDueTime;
    this.byJob = byJob;
  }

  void schedule(Timer timer) {
    String key = TimerKeys.encode(timer);
    byDueTime.put(key, "");
    byJob.put(jobPrefix(timer.jobId().toString()) + key, "");
  }

  /** When the earliest timer is due (epoch ms; 0 for a key that does not parse), if there is one. */
  OptionalLong earliestDueMs() {
    String earliest;
    try (KeyValueIterator<String, String> it = byDueTime.all()) {
      earliest = it.hasNext() ? it.next().key : null;
    }
    if (earliest == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(TimerKeys.decode(earliest).dueAt().toEpochMilli());
    } catch (RuntimeException e) {
      return OptionalLong.of(0); // fires at the next interval, which drops it with the reason
    }
  }

  /**
   * Takes out up to {@code limit} timers due at or before {@code now}, oldest first, and returns
   * their keys; {@link TimerKeys#decode} reads them (a key that does not parse is dropped by the caller).
   */
  List<String> takeDue(Instant now, int limit) {
    var due = new ArrayList<String>();
    try (KeyValueIterator<String, String> it = byDueTime.range(null, TimerKeys.after(now))) {
      while (it.hasNext() && due.size() < limit) {
        due.add(it.next().key);
      }
    }
    for (String key : due) {
      byDueTime.delete(key);
      try {
        byJob.delete(jobPrefix(TimerKeys.decode(key).jobId().toString()) + key);
      } catch (RuntimeException unreadable) {
        // kept only by due time: nothing to remove by job
      }
    }
    return due;
  }

  /** Removes every timer of a job that has ended. */
  void forget(JobId jobId) {
    String prefix = jobPrefix(jobId.toString());
    var keys = new ArrayList<String>();
    try (KeyValueIterator<String, String> it = byJob.prefixScan(prefix, KEYS)) {
      while (it.hasNext()) {
        keys.add(it.next().key);
      }
    }
    for (String key : keys) {
      byDueTime.delete(key.substring(prefix.length()));
      byJob.delete(key);
    }
  }

  private static String jobPrefix(String jobId) {
    return jobId + "|";
  }
}
