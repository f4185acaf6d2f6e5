package dev.browserfleet.dispatcher.streams;

import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.event.WorkerEvent;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.kafka.TopicSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The dispatcher's topology. Commands and attempt reports (both keyed by job id, so
 * co-partitioned) meet in one processor that owns the job-state store; the browser types and
 * the URL policies are global tables. What the processor decides is split by kind to bf.job-events,
 * the fair share's notices, bf.attempt-revocations and bf.dead-letters. A second processor, the
 * fair share, reads the notices of every job on one partition and releases attempts onto the lane
 * topics as slots free up; the attempts it refuses go back to the first, keyed by job id. Sources are read as bytes: nothing can fail to deserialise, and what does not
 * parse is dead-lettered by the processor with its reason.
 */
public final class DispatcherTopology {

  public static final String JOB_STATE_STORE = "job-state";
  public static final String BROWSER_TYPES_STORE = "browser-types";
  public static final String TIMER_STORE = "job-timers";
  public static final String TIMERS_BY_JOB_STORE = "job-timers-by-job";
  public static final String WORKERS_STORE = "workers";
  public static final String URL_POLICIES_STORE = "url-policies";
  public static final String API_KEYS_STORE = "api-keys";
  public static final String FAIR_SHARE_STORE = "fair-share";

  private DispatcherTopology() {}

  public static Topology build(DispatcherSettings settings) {
    var builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(JOB_STATE_STORE), Serdes.String(), JobStateSerde.create()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMER_STORE), Serdes.String(), Serdes.String()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TIMERS_BY_JOB_STORE), Serdes.String(), Serdes.String()));
    builder.globalTable(
        Topics.WORKER_EVENTS.name(),
        Consumed.with(Serdes.String(), TolerantSerde.of(WorkerEvent.class)).withName("worker-events-source"),
        Materialized.as(WORKERS_STORE));
    builder.globalTable(
        Topics.BROWSER_TYPES.name(),
        Consumed.with(Serdes.String(), TolerantSerde.of(BrowserType.class)).withName("browser-types-source"),
        Materialized.as(BROWSER_TYPES_STORE));
    // Tombstones of deleted policies remove them from the table.
    builder.globalTable(
        Topics.URL_POLICIES.name(),
        Consumed.with(Serdes.String(), TolerantSerde.of(UrlPolicy.class)).withName("url-policies-source"),
        Materialized.as(URL_POLICIES_STORE));

    builder.addStateStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FAIR_SHARE_STORE), Serdes.String(), Serdes.String()));
    // Kept by a processor of its own, which counts the changes: the fair share reads the keys again only then.
    var apiKeyLimits = new ApiKeyLimits();
    builder.addGlobalStore(
        Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(API_KEYS_STORE), Serdes.String(), TolerantSerde.of(ApiKey.class))
            .withLoggingDisabled(),
        Topics.API_KEYS.name(),
        Consumed.with(Serdes.String(), TolerantSerde.of(ApiKey.class)).withName("api-keys-source"),
        apiKeyLimits.updater(API_KEYS_STORE));

    KStream<String, byte[]> commands =
        builder.stream(Topics.JOB_COMMANDS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("commands"));
    KStream<String, byte[]> reports =
        builder.stream(Topics.ATTEMPT_REPORTS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("reports"));

    KStream<String, byte[]> refusals =
        builder.stream(FairShareTopics.REFUSALS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("refusals"));

    Produced<String, byte[]> asBytes = Produced.with(TopicSerde.keys(), Serdes.ByteArray());
    commands
        .merge(reports, Named.as("commands-and-reports"))
        .merge(refusals, Named.as("commands-reports-and-refusals"))
        .process(() -> new JobProcessor(settings), Named.as("job-lifecycle"), JOB_STATE_STORE, TIMER_STORE,
            TIMERS_BY_JOB_STORE)
        .split(Named.as("route-"))
        .branch(
            (key, out) -> out instanceof Outbound.Event,
            Branched.withConsumer(
                events -> events.mapValues(Outbound::bytesOf).to(Topics.JOB_EVENTS.name(), asBytes.withName("job-events")),
                "events"))
        .branch(
            (key, out) -> out instanceof Outbound.Notice,
            Branched.withConsumer(
                notices -> notices.mapValues(Outbound::bytesOf)
                    .to(FairShareTopics.NOTICES.name(), asBytes.withName("fair-share-notices")),
                "notices"))
        .branch(
            (key, out) -> out instanceof Outbound.Revocation,
            Branched.withConsumer(
                revoked -> revoked.mapValues(Outbound::bytesOf)
                    .to(Topics.ATTEMPT_REVOCATIONS.name(), asBytes.withName("attempt-revocations")),
                "revocations"))
        .defaultBranch(
            Branched.withConsumer(
                dead -> dead.mapValues(Outbound::bytesOf).to(Topics.DEAD_LETTERS.name(), asBytes.withName("dead-letters")),
                "dead-letters"));

    // The fair share: every notice on one partition, so that one processor sees every queue.
    builder.stream(FairShareTopics.NOTICES.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("notices"))
        .process(() -> new FairShareProcessor(settings, apiKeyLimits), Named.as("fair-share"), FAIR_SHARE_STORE)
        .split(Named.as("release-"))
        .branch(
            (key, out) -> out instanceof Outbound.Assignment,
            Branched.withConsumer(
                lanes -> lanes.to(
                    (key, out, context) -> ((Outbound.Assignment) out).laneTopic(),
                    Produced.with(TopicSerde.keys(), LaneSerde.INSTANCE).withName("released-to-lanes")),
                "lanes"))
        .defaultBranch(
            Branched.withConsumer(
                refused -> refused.mapValues(Outbound::bytesOf)
                    .to(FairShareTopics.REFUSALS.name(), asBytes.withName("fair-share-refusals")),
                "refusals"));
    return builder.build();
  }
}
