package dev.browserfleet.contracts.event;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.WorkerId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Reports of one attempt that a worker sends in one record, in the order they happened: the
 * dispatcher decides them one after another, exactly as if each had come alone, in one
 * transaction. A worker holds an attempt's reports briefly and sends them together (see the
 * README's Topics), so that a short job costs the dispatcher one transaction for its
 * start, its logs, its progress, its artifacts and its outcome rather than one for each.
 *
 * @param reports at least one; none a batch itself, every one of this batch's job, attempt and worker
 */
public record AttemptReportBatch(
    UUID reportId,
    JobId jobId,
    int attempt,
    WorkerId workerId,
    Instant occurredAt,
    List<AttemptReport> reports)
    implements AttemptReport {

  public AttemptReportBatch {
    if (reports == null || reports.isEmpty()) {
      throw new IllegalArgumentException("a batch has at least one report");
    }
    reports = List.copyOf(reports);
    for (AttemptReport report : reports) {
      if (report instanceof AttemptReportBatch) {
        throw new IllegalArgumentException("a batch holds no batch");
      }
      if (!report.jobId().equals(jobId) || report.attempt() != attempt || !report.workerId().equals(workerId)) {
        throw new IllegalArgumentException("every report of a batch is of its job " + jobId + ", attempt " + attempt
            + " and worker " + workerId + "; " + report.reportId() + " is not");
      }
    }
  }

  /** The batch of {@code reports}, all of one attempt, dated by its last. */
  public static AttemptReportBatch of(List<AttemptReport> reports) {
    AttemptReport last = reports.getLast();
    return new AttemptReportBatch(UUID.randomUUID(), last.jobId(), last.attempt(), last.workerId(), last.occurredAt(),
        reports);
  }
}
