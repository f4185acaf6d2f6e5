package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WorkerId;
import dev.browserfleet.contracts.WorkerStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A worker slot is alive. {@code browserTypeId} is the type of the job it runs or last ran ({@code
 * null} before its first job); {@code instance} names the worker process the slot belongs to.
 */
public record WorkerHeartbeat(
    UUID eventId,
    WorkerId workerId,
    Instant occurredAt,
    String instance,
    Engine engine,
    WorkerStatus status,
    JobId currentJobId,
    Integer browserTypeId,
    Instant startedAt)
    implements WorkerEvent {}
