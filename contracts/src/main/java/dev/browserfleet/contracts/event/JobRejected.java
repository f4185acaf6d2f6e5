package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.command.SubmitJob;
import java.time.Instant;
import java.util.UUID;

/**
 * The dispatcher refused a submission that parsed but was invalid; the job is failed. {@code
 * field} names the field at fault (a JSON path such as {@code actions[0].url}), {@code job} is the
 * submission as far as it could be read.
 */
public record JobRejected(
    UUID eventId,
    JobId jobId,
    long sequence,
    Instant occurredAt,
    SubmitJob job,
    String field,
    String reason)
    implements JobEvent {}
