package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.WorkerId;
import java.time.Instant;
import java.util.UUID;

/** A worker slot shut down cleanly; it is offline. */
public record WorkerStopped(
    UUID eventId, WorkerId workerId, Instant occurredAt, String instance, Engine engine)
    implements WorkerEvent {}
