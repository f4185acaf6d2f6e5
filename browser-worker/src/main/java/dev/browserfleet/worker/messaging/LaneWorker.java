package dev.browserfleet.worker.messaging;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.Topic;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.lane.JobAssignment;
import dev.browserfleet.contracts.lane.PriorityBands;
import dev.browserfleet.kafka.TopicProvisioner;
import dev.browserfleet.worker.browser.DriverFactory;
import dev.browserfleet.worker.browser.SessionPool;
import dev.browserfleet.worker.execution.AttemptExecutor;
import dev.browserfleet.worker.execution.JobRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process: for each engine it can run, a session pool and {@code slots} slots, each
 * consuming the engine's lanes in the share group {@code bf-workers-<engine>}; plus heartbeats.
 * {@link #start()} returns at once, the slots start their browsers in the background; {@link
 * #health()} says when they are all ready.
 */
public final class LaneWorker implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LaneWorker.class);

  /** How long a slot may take after the grace to hand its job back and close its consumers. */
  private static final Duration HAND_BACK = Duration.ofSeconds(5);

  /**
   * @param instance names this worker process in heartbeats and worker ids
   * @param slotsPerEngine browser slots of an engine that {@code engineSlots} does not name
   * @param recycleAfterJobs jobs a session runs before it is replaced
   * @param heartbeatInterval how often each slot says it is alive
   * @param shutdownGrace how long a running job may go on once the worker stops, before it is handed back
   * @param lockDuration how long the broker lets a slot hold a job without renewing (the share
   *     group's {@code share.record.lock.duration.ms}); a killed worker's job goes to another after it
   * @param partitions partitions of topics this worker creates
   * @param replicationFactor replication of topics this worker creates
   * @param engineSlots browser slots of the engines whose number differs from {@code slotsPerEngine}
   */
  public record Settings(
      String instance,
      String bootstrapServers,
      int slotsPerEngine,
      int recycleAfterJobs,
      Duration heartbeatInterval,
      Duration shutdownGrace,
      Duration lockDuration,
      int partitions,
      short replicationFactor,
      PriorityBands bands,
      Map<Engine, Integer> engineSlots) {

    public Settings {
      engineSlots = Map.copyOf(engineSlots);
    }

    /** Every engine with {@code slotsPerEngine} slots. */
    public Settings(String instance, String bootstrapServers, int slotsPerEngine, int recycleAfterJobs,
        Duration heartbeatInterval, Duration shutdownGrace, Duration lockDuration, int partitions,
        short replicationFactor, PriorityBands bands) {
      this(instance, bootstrapServers, slotsPerEngine, recycleAfterJobs, heartbeatInterval, shutdownGrace,
          lockDuration, partitions, replicationFactor, bands, Map.of());
    }

    public int slotsOf(Engine engine) {
      return engineSlots.getOrDefault(engine, slotsPerEngine);
    }
  }

  private final Settings settings;
  private final List<DriverFactory> engines;
  private final AttemptExecutor executor;
  private final Clock clock;
  // Written by start(), read by health() from any thread.
  private final Map<Engine, SessionPool> pools = new ConcurrentHashMap<>();
  private final List<WorkerSlot> slots = new CopyOnWriteArrayList<>();
  private final List<Thread> slotThreads = new java.util.ArrayList<>();
  private WorkerKafka kafka;
  private Revocations revocations;
  private LaneDoorbells doorbells;
  private ScheduledExecutorService heartbeats;
  private volatile boolean running;
  private int interruptedAtStop;

  /** @param engines the factories of the engines this worker advertises */
  public LaneWorker(Settings settings, List<DriverFactory> engines, JobRunner runner, Clock clock) {
    this.settings = settings;
    this.engines = List.copyOf(engines);
    this.executor = new AttemptExecutor(runner, Duration.ofMillis(100));
    this.clock = clock;
  }

  /**
   * Starts the browsers of every slot in the background, so that they start while the rest of the
   * process does; {@link #start()} hands them to the slots (and calls this if nobody did).
   */
  public synchronized void warmUp() {
    for (DriverFactory engine : engines) {
      pools.computeIfAbsent(engine.engine(), e -> {
        var pool = new SessionPool(engine, settings.recycleAfterJobs());
        pool.prestart(settings.slotsOf(e));
        return pool;
      });
    }
  }

  /** Creates the topics and share-group settings it needs, then starts every slot. */
  public synchronized void start() {
    if (running) {
      return;
    }
    warmUp();
    kafka = new WorkerKafka(settings.bootstrapServers(), "bf-worker-" + settings.instance());
    try (Admin admin = Admin.create(kafka.adminConfig())) {
      TopicProvisioner.ensure(admin, topics(), settings.partitions(), settings.replicationFactor());
      for (DriverFactory engine : engines) {
        configureShareGroup(admin, WorkerKafka.shareGroupOf(engine.engine()), settings.lockDuration());
      }
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    revocations = new Revocations(settings.bootstrapServers(), "bf-worker-" + settings.instance() + "-revocations");
    revocations.start();
    var doorbellOfLane = new HashMap<String, Doorbell>();
    var doorbellOfEngine = new HashMap<Engine, Doorbell>();
    for (DriverFactory engine : engines) {
      var doorbell = doorbellOfEngine.computeIfAbsent(engine.engine(), e -> new Doorbell());
      Topics.lanes(engine.engine(), settings.bands()).forEach(lane -> doorbellOfLane.put(lane.name(), doorbell));
    }
    doorbells = new LaneDoorbells(settings.bootstrapServers(), "bf-worker-" + settings.instance() + "-lanes", doorbellOfLane);
    doorbells.start();
    heartbeats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("bf-worker-heartbeats").factory());
    for (DriverFactory engine : engines) {
      SessionPool pool = pools.get(engine.engine());
      List<Topic<JobAssignment>> lanes = Topics.lanes(engine.engine(), settings.bands());
      for (int i = 0; i < settings.slotsOf(engine.engine()); i++) {
        var slot = new WorkerSlot(engine.engine(), i, settings.instance(), lanes, revocations,
            doorbellOfEngine.get(engine.engine()), pool, executor, kafka, clock);
        slots.add(slot);
        slotThreads.add(Thread.ofPlatform().name(slot.name()).start(slot));
        long interval = settings.heartbeatInterval().toMillis();
        heartbeats.scheduleAtFixedRate(() -> beat(slot), interval, interval, TimeUnit.MILLISECONDS);
      }
      log.info("browser worker {} runs {} {} slot(s) on {}, consuming {}", settings.instance(),
          settings.slotsOf(engine.engine()), engine.engine().wireName(), engine.description(),
          lanes.stream().map(Topic::name).toList());
    }
    running = true;
  }

  /**
   * Stops taking jobs, lets running ones finish within the grace period (then hands them back),
   * reports every slot stopped, quits every browser and closes the Kafka clients.
   */
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    slots.forEach(slot -> slot.requestStop(settings.shutdownGrace()));
    long graceEnds = System.nanoTime() + settings.shutdownGrace().toNanos();
    for (int i = 0; i < slots.size(); i++) {
      WorkerSlot slot = slots.get(i);
      try {
        // Past the grace a running job is abandoned at its next tick, then handed back, and the
        // slot closes its consumers; an interrupt then would lose the hand-back, so that the job
        // waited out its lock on the lane. What may still hold the slot after that is a browser
        // being started (Firefox takes seconds), which an interrupt stops.
        Duration left = Duration.ofNanos(Math.max(0, graceEnds - System.nanoTime())).plus(HAND_BACK);
        if (!slot.awaitFinished(left)) {
          interruptedAtStop++;
          log.info("slot {} still runs {} after the grace and {}: interrupting it", slot.name(),
              settings.shutdownGrace(), HAND_BACK);
          slotThreads.get(i).interrupt();
          if (!slot.awaitFinished(Duration.ofSeconds(15))) {
            log.warn("slot {} did not stop within {}, {} and 15 s", slot.name(), settings.shutdownGrace(), HAND_BACK);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    heartbeats.shutdownNow();
    doorbells.close();
    revocations.close();
    closePools();
    kafka.close();
    log.info("browser worker {} stopped", settings.instance());
  }

  /** Stops the worker if it runs, and quits the browsers warmed up for a start that never came. */
  @Override
  public synchronized void close() {
    stop();
    closePools();
  }

  private void closePools() {
    pools.values().forEach(SessionPool::close);
    pools.clear();
  }

  /** The name of this worker process, which prefixes the client ids of its Kafka clients. */
  String instance() {
    return settings.instance();
  }

  /** How many slots the stops so far had to interrupt, past the grace and the hand-back. */
  synchronized int slotsInterruptedAtStop() {
    return interruptedAtStop;
  }

  public boolean isRunning() {
    return running;
  }

  /** Whether every advertised engine has all its slots running with a started session. */
  public WorkerHealth health() {
    var byEngine = new LinkedHashMap<Engine, WorkerHealth.EngineHealth>();
    for (DriverFactory engine : engines) {
      List<WorkerSlot> own = slots.stream().filter(s -> s.engine() == engine.engine()).toList();
      int ready = (int) own.stream().filter(WorkerSlot::isReady).count();
      SessionPool pool = pools.get(engine.engine());
      byEngine.put(engine.engine(), new WorkerHealth.EngineHealth(
          settings.slotsOf(engine.engine()), ready, pool == null ? 0 : pool.liveSessions(), engine.description()));
    }
    return new WorkerHealth(running, byEngine);
  }

  /** The engines this worker advertises. */
  public List<Engine> engines() {
    return engines.stream().map(DriverFactory::engine).toList();
  }

  /** How many browser slots of {@code engine} this worker runs. */
  public int slots(Engine engine) {
    return (int) slots.stream().filter(s -> s.engine() == engine).count();
  }

  /** How many of them are running a job now. */
  public int busySlots(Engine engine) {
    return (int) slots.stream().filter(s -> s.engine() == engine && s.isBusy()).count();
  }

  private void beat(WorkerSlot slot) {
    try {
      slot.heartbeat();
    } catch (RuntimeException e) {
      log.warn("heartbeat of slot {} failed: {}", slot.name(), e.toString());
    }
  }

  private List<Topic<?>> topics() {
    var topics = new ArrayList<Topic<?>>(
        List.of(Topics.ATTEMPT_REPORTS, Topics.WORKER_EVENTS, Topics.ATTEMPT_REVOCATIONS, Topics.DEAD_LETTERS));
    for (DriverFactory engine : engines) {
      topics.addAll(Topics.lanes(engine.engine(), settings.bands()));
    }
    return topics;
  }

  /**
   * The group settings the lanes need. A new share group starts at the latest offset by default,
   * so jobs queued before the first worker came up would never run: start from the earliest.
   * Share groups read uncommitted records by default, while the dispatcher writes lanes in
   * exactly-once transactions: an attempt from an aborted transaction must never run, so read
   * committed only. And the lock duration bounds how long a killed worker's job waits before
   * another worker gets it.
   */
  private static void configureShareGroup(Admin admin, String group, Duration lockDuration) {
    var resource = new ConfigResource(ConfigResource.Type.GROUP, group);
    var ops = List.of(
        new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET),
        new AlterConfigOp(new ConfigEntry("share.isolation.level", "read_committed"), AlterConfigOp.OpType.SET),
        new AlterConfigOp(new ConfigEntry("share.record.lock.duration.ms", Long.toString(lockDuration.toMillis())),
            AlterConfigOp.OpType.SET));
    try {
      admin.incrementalAlterConfigs(Map.of(resource, ops)).all().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while configuring share group " + group, e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("could not configure share group " + group + ": " + cause, cause);
    }
  }
}
