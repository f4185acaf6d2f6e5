package dev.browserfleet.projector.persistence;

import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.event.JobEvent;
import dev.browserfleet.contracts.event.WorkerEvent;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyUsage;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.projector.config.ProjectorProperties;
import dev.browserfleet.projector.projection.Projection;
import dev.browserfleet.projector.projection.RowChange;
import dev.browserfleet.projector.projection.RowChange.AddArtifact;
import dev.browserfleet.projector.projection.RowChange.AddLog;
import dev.browserfleet.projector.projection.RowChange.DeleteUrlPolicy;
import dev.browserfleet.projector.projection.RowChange.JobLink;
import dev.browserfleet.projector.projection.RowChange.LinkWaitingWorkers;
import dev.browserfleet.projector.projection.RowChange.PutApiKey;
import dev.browserfleet.projector.projection.RowChange.PutBrowserType;
import dev.browserfleet.projector.projection.RowChange.PutJob;
import dev.browserfleet.projector.projection.RowChange.PutUrlPolicy;
import dev.browserfleet.projector.projection.RowChange.PutWorker;
import dev.browserfleet.projector.projection.RowChange.StopWorker;
import dev.browserfleet.projector.projection.RowChange.TouchApiKey;
import dev.browserfleet.projector.projection.RowChange.UpdateJob;
import dev.browserfleet.projector.projection.UrlPolicyRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the projection to PostgreSQL. Each {@code apply...} call is one transaction; every
 * statement is idempotent, so a batch that is retried or replayed changes nothing twice. The
 * statements of each table are in a class of their own; this one holds the transactions and
 * hands each {@link RowChange} to its table.
 *
 * <p>Timestamps are bound as UTC {@code LocalDateTime}s ({@code Jdbc.utc}), so the stored values
 * do not depend on the JVM's or the session's time zone.
 */
@Component
public class ProjectionStore {

  private final TransactionTemplate transactions;
  private final Clock clock;
  private final Duration retention;
  private final JobRows jobs;
  private final JobDetailRows jobDetails;
  private final WorkerRows workers;
  private final ReferenceRows references;

  @Autowired
  public ProjectionStore(DataSource dataSource, ProjectorProperties properties) {
    this(dataSource, Clock.systemUTC(), properties.retention());
  }

  /**
   * @param clock tells which jobs, and which heartbeats naming them, are past {@code retention}
   * @param retention a job created longer ago than this is not projected (again)
   */
  public ProjectionStore(DataSource dataSource, Clock clock, Duration retention) {
    var jdbc = JdbcClient.create(dataSource);
    this.transactions = Jdbc.transactionsOf(dataSource);
    this.clock = clock;
    this.retention = retention;
    this.jobs = new JobRows(jdbc);
    this.jobDetails = new JobDetailRows(jdbc);
    this.workers = new WorkerRows(jdbc);
    this.references = new ReferenceRows(jdbc);
  }

  /** Applies job events in log order, in one transaction. */
  public void applyJobEvents(List<JobEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    transactions.executeWithoutResult(
        tx -> {
          var jobIds = new LinkedHashSet<JobId>();
          events.forEach(e -> jobIds.add(e.jobId()));
          Map<JobId, Long> applied = jobs.lockAppliedSequences(jobIds);
          List<RowChange> changes = Projection.evolveAll(applied, events, retainedSince());
          workers.lockLinksTo(jobsToLink(changes));
          changes.forEach(this::write);
        });
  }

  /** Applies worker events in log order, in one transaction. */
  public void applyWorkerEvents(List<WorkerEvent> events) {
    Instant retainedSince = retainedSince();
    List<RowChange> changes = events.stream().map(e -> Projection.evolve(e, retainedSince)).toList();
    if (changes.isEmpty()) {
      return;
    }
    transactions.executeWithoutResult(
        tx -> {
          workers.lockLinksTo(jobsToLink(changes));
          changes.forEach(this::write);
        });
  }

  public void applyBrowserTypes(List<BrowserType> types) {
    applyAll(types.stream().map(Projection::evolve).toList());
  }

  public void applyApiKeys(List<ApiKey> keys) {
    applyAll(keys.stream().map(Projection::evolve).toList());
  }

  public void applyApiKeyUsage(List<ApiKeyUsage> usages) {
    applyAll(usages.stream().map(Projection::evolve).toList());
  }

  public void applyUrlPolicies(List<UrlPolicyRecord> records) {
    applyAll(records.stream().map(Projection::evolve).toList());
  }

  /** The jobs whose links to workers these changes may write (see {@link WorkerRows}). */
  private static List<JobId> jobsToLink(List<RowChange> changes) {
    var jobIds = new ArrayList<JobId>();
    for (RowChange change : changes) {
      switch (change) {
        case LinkWaitingWorkers c -> jobIds.add(c.jobId());
        case PutWorker c when c.currentJobId() != null && c.jobLink() == JobLink.WHEN_PROJECTED ->
            jobIds.add(c.currentJobId());
        default -> {}
      }
    }
    return jobIds;
  }

  private Instant retainedSince() {
    return clock.instant().minus(retention);
  }

  private void applyAll(List<RowChange> changes) {
    if (!changes.isEmpty()) {
      transactions.executeWithoutResult(tx -> changes.forEach(this::write));
    }
  }

  private void write(RowChange change) {
    switch (change) {
      case PutJob c -> jobs.put(c.job(), c.browserType());
      case UpdateJob c -> jobs.update(c);
      case AddLog c -> jobDetails.addLog(c);
      case AddArtifact c -> jobDetails.addArtifact(c);
      case PutWorker c -> workers.put(c);
      case LinkWaitingWorkers c -> workers.linkWaiting(c);
      case StopWorker c -> workers.stop(c);
      case PutBrowserType c -> references.putBrowserType(c.browserType());
      case PutApiKey c -> references.putApiKey(c.apiKey());
      case TouchApiKey c -> references.touchApiKey(c);
      case PutUrlPolicy c -> references.putUrlPolicy(c.policy());
      case DeleteUrlPolicy c -> references.deleteUrlPolicy(c.id());
    }
  }
}
