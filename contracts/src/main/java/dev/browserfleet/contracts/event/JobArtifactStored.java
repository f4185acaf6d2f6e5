package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.JobId;
import java.time.Instant;
import java.util.UUID;

/** An artifact of the job was written to the artifact store. */
public record JobArtifactStored(
    UUID eventId, JobId jobId, long sequence, Instant occurredAt, int attempt, Artifact artifact)
    implements JobEvent {}
