package dev.browserfleet.ingest.messaging;

import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.MalformedMessageException;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.command.JobCommand;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.ingest.job.AcceptedElsewhere;
import dev.browserfleet.ingest.job.RecentSubmissions;
import dev.browserfleet.kafka.CompactedTopicReader;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails {@code bf.job-commands} so that this replica knows the jobs every replica accepted: each
 * submission lands in {@link RecentSubmissions}, as this replica's own do. It reads from {@code
 * lookBack} before its start (the age of the oldest remembered submission) and assigns the
 * partitions itself, like every reader of reference data here: every replica reads every command.
 *
 * <p>{@link #catchUp} asks the broker for the end of every partition (a second consumer, since a
 * consumer is not shared between threads) and waits until the tail has read that far.
 */
public final class SubmissionTail implements AcceptedElsewhere, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SubmissionTail.class);
  private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(30);

  private final RecentSubmissions recent;
  private final Duration lookBack;
  private final Clock clock;
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaConsumer<String, byte[]> probe;
  private final Object progress = new Object();
  private volatile Map<TopicPartition, Long> read = Map.of();
  private volatile List<TopicPartition> partitions = List.of();
  private volatile boolean running;
  private Thread thread;

  public SubmissionTail(String bootstrapServers, RecentSubmissions recent, Duration lookBack, Clock clock) {
    this.recent = recent;
    this.lookBack = lookBack;
    this.clock = clock;
    this.consumer = CompactedTopicReader.newConsumer(bootstrapServers, "ingest-api-submission-tail");
    this.probe = CompactedTopicReader.newConsumer(bootstrapServers, "ingest-api-submission-probe");
  }

  public synchronized void start() {
    if (thread != null) {
      return;
    }
    running = true;
    thread = new Thread(this::run, "ingest-api-submission-tail");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      assignFromLookBack();
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          remember(record);
        }
        var positions = new HashMap<TopicPartition, Long>();
        for (TopicPartition partition : partitions) {
          positions.put(partition, consumer.position(partition));
        }
        synchronized (progress) {
          read = Map.copyOf(positions);
          progress.notifyAll();
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } catch (KafkaException e) {
      // Reads then wait out their catch-up and answer from what this replica knows.
      log.error("Tail of {} stopped: jobs accepted by other replicas are seen only once projected", Topics.JOB_COMMANDS, e);
    } finally {
      consumer.close(Duration.ZERO);
    }
  }

  private void assignFromLookBack() {
    List<TopicPartition> all = consumer.partitionsFor(Topics.JOB_COMMANDS.name(), SETUP_TIMEOUT).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition()))
        .toList();
    consumer.assign(all);
    long since = clock.instant().minus(lookBack).toEpochMilli();
    var query = new HashMap<TopicPartition, Long>();
    all.forEach(partition -> query.put(partition, since));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, SETUP_TIMEOUT);
    for (TopicPartition partition : all) {
      OffsetAndTimestamp at = found.get(partition);
      if (at == null) {
        consumer.seekToEnd(List.of(partition));
      } else {
        consumer.seek(partition, at.offset());
      }
    }
    partitions = all;
  }

  private void remember(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return;
    }
    try {
      if (JsonCodec.decode(record.value(), JobCommand.class) instanceof SubmitJob job) {
        recent.remember(job);
      }
    } catch (MalformedMessageException e) {
      // The dispatcher dead-letters it; there is no job to remember.
    }
  }

  @Override
  public boolean catchUp(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<TopicPartition> assigned = partitions;
    if (assigned.isEmpty() || !running) {
      return false;
    }
    Map<TopicPartition, Long> end;
    try {
      synchronized (probe) {
        end = probe.endOffsets(assigned, timeout);
      }
    } catch (KafkaException e) {
      return false;
    }
    synchronized (progress) {
      while (!reached(end)) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !running) {
          return false;
        }
        try {
          progress.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    Map<TopicPartition, Long> now = read;
    return end.entrySet().stream().allMatch(e -> now.getOrDefault(e.getKey(), -1L) >= e.getValue());
  }

  @Override
  public void close() {
    Thread tail;
    synchronized (this) {
      tail = thread;
      thread = null;
      running = false;
    }
    if (tail != null) {
      consumer.wakeup();
      try {
        tail.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      consumer.close(Duration.ZERO);
    }
    synchronized (probe) {
      probe.close(Duration.ZERO);
    }
  }
}
