package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JobSubmitSchema;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.MalformedMessageException;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.contracts.policy.UrlPolicies;
import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.ingest.browsertype.BrowserTypeCatalog;
import dev.browserfleet.ingest.browsertype.BrowserTypeView;
import dev.browserfleet.ingest.publish.RecordPublisher;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Admission at the edge: a submission that passes the JSON Schema, names an active browser type
 * and browses only addresses and URLs the policies allow becomes a {@code job.submit} command on {@code
 * bf.job-commands}. The dispatcher checks again (clients may also produce straight to Kafka);
 * checking here gives REST clients their answer before anything is queued.
 */
public final class JobSubmissions {

  private static final String BROWSER_TYPE_FIELD = "browserTypeId";

  private final BrowserTypeCatalog browserTypes;
  private final TargetAddressPolicy addressPolicy;
  private final Supplier<UrlPolicies> urlPolicies;
  private final RecordPublisher publisher;
  private final RecentSubmissions recent;
  private final JobReads reads;
  private final Callbacks callbacks;
  private final Clock clock;

  public JobSubmissions(
      BrowserTypeCatalog browserTypes,
      TargetAddressPolicy addressPolicy,
      Supplier<UrlPolicies> urlPolicies,
      RecordPublisher publisher,
      RecentSubmissions recent,
      JobReads reads,
      Callbacks callbacks,
      Clock clock) {
    this.browserTypes = browserTypes;
    this.addressPolicy = addressPolicy;
    this.urlPolicies = urlPolicies;
    this.publisher = publisher;
    this.recent = recent;
    this.reads = reads;
    this.callbacks = callbacks;
    this.clock = clock;
  }

  /**
   * Validates and publishes {@code body} for {@code caller}. With an {@code idempotencyKey}
   * (null when none), the job's id derives from it, and a job that already has that id is
   * answered as it is instead of being submitted again.
   *
   * @throws dev.browserfleet.ingest.publish.PublicationFailedException when the broker did not take it
   */
  public SubmitOutcome submit(JsonNode body, Caller caller, String idempotencyKey) {
    if (idempotencyKey != null) {
      Optional<FieldError> keyProblem = IdempotencyKeys.problem(idempotencyKey);
      if (keyProblem.isPresent()) {
        return new SubmitOutcome.Invalid(List.of(keyProblem.get()));
      }
    }
    List<FieldError> schemaErrors = JobSubmitSchema.validateRequest(body);
    if (!schemaErrors.isEmpty()) {
      return new SubmitOutcome.Invalid(schemaErrors);
    }
    // The schema bounds browserTypeId from below only; an id past int is simply unknown.
    if (!body.path(BROWSER_TYPE_FIELD).canConvertToInt()) {
      return new SubmitOutcome.Invalid(List.of(unknownBrowserType()));
    }
    JobRequest request;
    try {
      request = JsonCodec.convert(body, JobRequest.class);
    } catch (MalformedMessageException e) {
      return new SubmitOutcome.Invalid(List.of(conversionError(e)));
    }
    List<FieldError> errors = admissionErrors(request);
    Optional<Callbacks.Callback> callback = Optional.empty();
    switch (callbacks.resolve(request.callbackUrl(), caller)) {
      case Callbacks.Resolved resolved -> callback = resolved.callback();
      case Callbacks.Refused refused -> errors.add(refused.error());
    }
    if (!errors.isEmpty()) {
      return new SubmitOutcome.Invalid(errors);
    }
    JobId jobId = idempotencyKey == null ? JobId.random() : IdempotencyKeys.jobId(caller, idempotencyKey);
    if (idempotencyKey != null) {
      Optional<JobView> existing = reads.job(jobId, caller);
      if (existing.isPresent()) {
        return new SubmitOutcome.Replayed(jobId, existing.get().status());
      }
    }
    var command =
        new SubmitJob(
            jobId,
            caller.owningClientId(),
            request.browserTypeId(),
            request.targetUrl(),
            request.actions(),
            request.waitUntil(),
            request.priority(),
            request.timeoutMs(),
            request.maxRetries(),
            // Microseconds: what PostgreSQL keeps, so the pending view equals the projected row.
            clock.instant().truncatedTo(ChronoUnit.MICROS),
            request.browserStorage(),
            callback.map(Callbacks.Callback::url).orElse(null),
            callback.map(Callbacks.Callback::keyId).orElse(null));
    publisher.publish(Topics.JOB_COMMANDS, command.jobId().toString(), command);
    recent.remember(command);
    return new SubmitOutcome.Accepted(command);
  }

  private List<FieldError> admissionErrors(JobRequest request) {
    var errors = new ArrayList<FieldError>();
    browserTypeError(request.browserTypeId()).ifPresent(errors::add);
    errors.addAll(addressPolicy.violations(request.targetUrl(), request.actions()));
    errors.addAll(urlPolicies.get().violations(request.targetUrl(), request.actions()));
    return errors;
  }

  private Optional<FieldError> browserTypeError(int id) {
    Optional<BrowserTypeView> type = browserTypes.find(id);
    if (type.isEmpty()) {
      return Optional.of(unknownBrowserType());
    }
    if (!type.get().isActive()) {
      return Optional.of(
          new FieldError(
              BROWSER_TYPE_FIELD,
              "names browser type " + id + " (" + type.get().name() + "), which is not active;"
                  + " GET /api/v1/browser-types lists the active ones"));
    }
    return Optional.empty();
  }

  private static FieldError unknownBrowserType() {
    return new FieldError(
        BROWSER_TYPE_FIELD, "is not a known browser type; GET /api/v1/browser-types lists them");
  }

  private static FieldError conversionError(MalformedMessageException e) {
    if (e.getCause() instanceof JacksonException jackson) {
      return new FieldError(FieldPaths.of(jackson), "is out of range or of the wrong type");
    }
    return new FieldError("", e.getMessage());
  }
}
