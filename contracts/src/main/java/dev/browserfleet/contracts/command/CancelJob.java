package dev.browserfleet.contracts.command;

import dev.browserfleet.contracts.JobId;
import java.time.Instant;

/**
 * Cancel a job ({@code "type": "job.cancel"}). {@code clientId} is the client that asked, checked
 * against the job's owner by the ingest-api before the command is produced.
 */
public record CancelJob(JobId jobId, String clientId, String reason, Instant requestedAt)
    implements JobCommand {

  public static final String TYPE = "job.cancel";
}
