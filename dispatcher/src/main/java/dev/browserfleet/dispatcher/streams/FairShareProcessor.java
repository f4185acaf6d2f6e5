package dev.browserfleet.dispatcher.streams;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.MalformedMessageException;
import dev.browserfleet.contracts.WireEnum;
import dev.browserfleet.contracts.event.WorkerEvent;
import dev.browserfleet.contracts.event.WorkerHeartbeat;
import dev.browserfleet.dispatcher.fairness.FairShare;
import dev.browserfleet.dispatcher.fairness.Notice;
import dev.browserfleet.dispatcher.fairness.Ticket;
import dev.browserfleet.dispatcher.lifecycle.WorkerRoster;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shell around {@link FairShare}: reads the lifecycle's notices, keeps the fair share in its
 * store, and puts released attempts on their lanes. Slots are the live worker slots of the
 * heartbeat table; limits those of the clients' API keys. While jobs are held it looks again once
 * a second, for workers that came up.
 */
final class FairShareProcessor implements Processor<String, byte[], String, Outbound> {

  private static final Logger log = LoggerFactory.getLogger(FairShareProcessor.class);
  private static final String TICKET = "t|";
  private static final String TURN = "p|";
  private static final Duration RECHECK = Duration.ofSeconds(1);
  private static final long QUIET_NANOS = Duration.ofMillis(10).toNanos();

  private final DispatcherSettings settings;
  private ProcessorContext<String, Outbound> context;
  private KeyValueStore<String, String> store;
  private TimestampedKeyValueStore<String, WorkerEvent> workers;
  private final ApiKeyLimits keyLimits;
  private ApiKeyLimits.View limits;
  private FairShare share;
  private Cancellable recheck;
  private long lastRecordNanos = System.nanoTime() - QUIET_NANOS;

  FairShareProcessor(DispatcherSettings settings, ApiKeyLimits keyLimits) {
    this.settings = settings;
    this.keyLimits = keyLimits;
  }

  @Override
  public void init(ProcessorContext<String, Outbound> context) {
    this.context = context;
    this.store = context.getStateStore(DispatcherTopology.FAIR_SHARE_STORE);
    this.workers = context.getStateStore(DispatcherTopology.WORKERS_STORE);
    this.limits = keyLimits.view(context.getStateStore(DispatcherTopology.API_KEYS_STORE));
    this.share = new FairShare();
    try (KeyValueIterator<String, String> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, String> entry = all.next();
        if (entry.key.startsWith(TICKET)) {
          share.restore(JsonCodec.decode(entry.value.getBytes(java.nio.charset.StandardCharsets.UTF_8), Ticket.class));
        } else if (entry.key.startsWith(TURN)) {
          String[] parts = entry.key.split("\\|", 3);
          WireEnum.fromWireName(Engine.class, parts[1])
              .ifPresent(engine -> share.restoreTurn(engine, Integer.parseInt(parts[2]), entry.value));
        }
      }
    }
    armRecheck();
  }

  @Override
  public void process(Record<String, byte[]> record) {
    long nanos = System.nanoTime();
    if (nanos - lastRecordNanos >= QUIET_NANOS) {
      context.commit();
    }
    lastRecordNanos = nanos;
    Notice notice;
    try {
      notice = JsonCodec.decode(record.value(), Notice.class);
    } catch (MalformedMessageException e) {
      log.error("Fair share dropped an unreadable notice: {}", e.getMessage());
      return;
    }
    Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
    switch (notice.kind()) {
      case Notice.ENQUEUE -> {
        if (share.enqueue(notice.ticket(), limits.of(notice.ticket().tenant(), now)) instanceof FairShare.Enqueued.Refused r) {
          var refusal = new FairShareRefusal(notice.jobId(), notice.ticket().attempt(), r.reason());
          context.forward(new Record<>(notice.jobId().toString(), (Outbound) new Outbound.Refusal(JsonCodec.encode(refusal)),
              record.timestamp()));
        }
      }
      case Notice.FINISH -> share.finish(notice.jobId());
      default -> log.error("Fair share dropped a notice of unknown kind '{}'", notice.kind());
    }
    releaseAndSave(now, record.timestamp());
  }

  private void releaseAndSave(Instant now, long timestamp) {
    Map<Engine, Integer> slots = liveSlots(now);
    List<Ticket> released = share.release(
        engine -> slots.containsKey(engine) ? OptionalInt.of(slots.get(engine)) : OptionalInt.empty(),
        tenant -> limits.of(tenant, now));
    for (Ticket ticket : released) {
      context.forward(new Record<>(ticket.jobId().toString(),
          (Outbound) new Outbound.Assignment(ticket.laneTopic(), JsonCodec.encode(ticket.assignment())), timestamp));
    }
    for (FairShare.Change change : share.drainChanges()) {
      switch (change) {
        case FairShare.Change.Put put -> store.put(TICKET + put.ticket().jobId(),
            new String(JsonCodec.encode(put.ticket()), java.nio.charset.StandardCharsets.UTF_8));
        case FairShare.Change.Remove remove -> store.delete(TICKET + remove.jobId());
        case FairShare.Change.Turn turn -> store.put(TURN + turn.engine().wireName() + "|" + turn.bandRank(), turn.tenant());
      }
    }
    armRecheck();
  }

  /** Looks again once a second while jobs are held, for slots that came up; not at all otherwise. */
  private void armRecheck() {
    if (share.anyHeld() && recheck == null) {
      recheck = context.schedule(RECHECK, PunctuationType.WALL_CLOCK_TIME, nowMs -> {
        Instant now = Instant.ofEpochMilli(nowMs);
        releaseAndSave(now, nowMs);
        if (!share.anyHeld() && recheck != null) {
          recheck.cancel();
          recheck = null;
        }
      });
    }
  }

  /** Live slots per engine: every worker slot whose last word is a recent heartbeat. */
  private Map<Engine, Integer> liveSlots(Instant now) {
    var slots = new EnumMap<Engine, Integer>(Engine.class);
    Duration lostAfter = settings.lifecycle().workerLostAfter();
    try (KeyValueIterator<String, ValueAndTimestamp<WorkerEvent>> all = workers.all()) {
      while (all.hasNext()) {
        var value = all.next().value;
        if (value != null && value.value() instanceof WorkerHeartbeat beat && WorkerRoster.isLive(beat, now, lostAfter)) {
          slots.merge(beat.engine(), 1, Integer::sum);
        }
      }
    }
    return slots;
  }
}
