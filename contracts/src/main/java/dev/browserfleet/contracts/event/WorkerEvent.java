package dev.browserfleet.contracts.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.browserfleet.contracts.WorkerId;
import java.time.Instant;
import java.util.UUID;

/** What a worker slot says about itself, on topic {@code bf.worker-events}, keyed by worker id. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = WorkerHeartbeat.class, name = "worker.heartbeat"),
  @JsonSubTypes.Type(value = WorkerStopped.class, name = "worker.stopped")
})
public sealed interface WorkerEvent permits WorkerHeartbeat, WorkerStopped {

  UUID eventId();

  WorkerId workerId();

  Instant occurredAt();
}
