package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JobSubmitSchema;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.MalformedMessageException;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.command.JobCommand;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.contracts.policy.UrlPolicies;
import dev.browserfleet.ingest.access.Caller;
import dev.browserfleet.ingest.browsertype.BrowserTypeCatalog;
import dev.browserfleet.ingest.browsertype.BrowserTypeView;
import dev.browserfleet.ingest.publish.RecordPublisher;
import java.time.Clock;
import java.time.Instant;
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
  private static final String BATCH_FIELD = "jobs";
  /** The most jobs one batch may carry. */
  public static final int MAX_BATCH = 1_000;

  private final BrowserTypeCatalog browserTypes;
  private final TargetAddressPolicy addressPolicy;
  private final Supplier<UrlPolicies> urlPolicies;
  private final RecordPublisher publisher;
  private final RecentSubmissions recent;
  private final JobReads reads;
  private final QueueLimits queueLimits;
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
    this(browserTypes, addressPolicy, urlPolicies, publisher, recent, reads, QueueLimits.NONE, callbacks, clock);
  }

  public JobSubmissions(
      BrowserTypeCatalog browserTypes,
      TargetAddressPolicy addressPolicy,
      Supplier<UrlPolicies> urlPolicies,
      RecordPublisher publisher,
      RecentSubmissions recent,
      JobReads reads,
      QueueLimits queueLimits,
      Callbacks callbacks,
      Clock clock) {
    this.queueLimits = queueLimits;
    this.callbacks = callbacks;
    this.browserTypes = browserTypes;
    this.addressPolicy = addressPolicy;
    this.urlPolicies = urlPolicies;
    this.publisher = publisher;
    this.recent = recent;
    this.reads = reads;
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
    Checked.Valid valid;
    switch (check(body, caller)) {
      case Checked.Valid v -> valid = v;
      case Checked.Invalid invalid -> {
        return new SubmitOutcome.Invalid(invalid.errors());
      }
    }
    JobId jobId = idempotencyKey == null ? JobId.random() : IdempotencyKeys.jobId(caller, idempotencyKey);
    if (idempotencyKey != null) {
      Optional<JobView> existing = reads.job(jobId, caller);
      if (existing.isPresent()) {
        return new SubmitOutcome.Replayed(jobId, existing.get().status());
      }
    }
    Optional<QueueLimits.QueueFull> full = queueLimits.check(caller, 1);
    if (full.isPresent()) {
      return new SubmitOutcome.QueueFull(full.get());
    }
    SubmitJob command = command(jobId, caller, valid, clock.instant());
    publisher.publish(Topics.JOB_COMMANDS, command.jobId().toString(), command);
    recent.remember(command);
    return new SubmitOutcome.Accepted(command);
  }

  /**
   * Validates every job of a batch ({@code {"jobs": [...]}}, 1 to {@value #MAX_BATCH}) as {@link
   * #submit} does, and publishes them all in one Kafka transaction, or none when one is invalid: the
   * errors then name the first invalid job's fields as {@code jobs[3].actions[0].selector}. With an
   * {@code idempotencyKey}, job {@code i}'s id derives from the key and {@code i}, so a retried batch
   * makes no second job; one whose first job exists already is answered as it is.
   *
   * @throws dev.browserfleet.ingest.publish.PublicationFailedException when the broker did not take it
   */
  public BatchOutcome submitBatch(JsonNode body, Caller caller, String idempotencyKey) {
    if (idempotencyKey != null) {
      Optional<FieldError> keyProblem = IdempotencyKeys.problem(idempotencyKey);
      if (keyProblem.isPresent()) {
        return new BatchOutcome.Invalid(-1, List.of(keyProblem.get()));
      }
    }
    Optional<FieldError> shapeProblem = batchShapeProblem(body);
    if (shapeProblem.isPresent()) {
      return new BatchOutcome.Invalid(-1, List.of(shapeProblem.get()));
    }
    JsonNode jobs = body.get(BATCH_FIELD);
    var requests = new ArrayList<Checked.Valid>(jobs.size());
    for (int i = 0; i < jobs.size(); i++) {
      switch (check(jobs.get(i), caller)) {
        case Checked.Valid valid -> requests.add(valid);
        case Checked.Invalid invalid -> {
          String prefix = BATCH_FIELD + "[" + i + "]";
          return new BatchOutcome.Invalid(i, invalid.errors().stream()
              .map(e -> new FieldError(e.field().isEmpty() ? prefix : prefix + "." + e.field(), e.message()))
              .toList());
        }
      }
    }
    var ids = new ArrayList<JobId>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      ids.add(idempotencyKey == null ? JobId.random() : IdempotencyKeys.jobId(caller, idempotencyKey + "#" + i));
    }
    if (idempotencyKey != null && reads.job(ids.getFirst(), caller).isPresent()) {
      return new BatchOutcome.Replayed(ids);
    }
    Optional<QueueLimits.QueueFull> full = queueLimits.check(caller, requests.size());
    if (full.isPresent()) {
      return new BatchOutcome.QueueFull(full.get());
    }
    Instant now = clock.instant();
    var commands = new ArrayList<SubmitJob>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      commands.add(command(ids.get(i), caller, requests.get(i), now));
    }
    publisher.publishAll(Topics.JOB_COMMANDS,
        commands.stream().map(c -> new RecordPublisher.Keyed<JobCommand>(c.jobId().toString(), c)).toList());
    commands.forEach(recent::remember);
    return new BatchOutcome.Accepted(commands);
  }

  private static Optional<FieldError> batchShapeProblem(JsonNode body) {
    if (!body.isObject()) {
      return Optional.of(new FieldError("", "must be a JSON object with \"jobs\": an array of jobs"));
    }
    for (String name : body.propertyNames()) {
      if (!BATCH_FIELD.equals(name)) {
        return Optional.of(new FieldError(name, "is not a known field; a batch has only \"jobs\""));
      }
    }
    JsonNode jobs = body.path(BATCH_FIELD);
    if (!jobs.isArray() || jobs.isEmpty() || jobs.size() > MAX_BATCH) {
      return Optional.of(new FieldError(BATCH_FIELD, "must be an array of 1 to " + MAX_BATCH + " jobs"));
    }
    return Optional.empty();
  }

  /**
   * A job's body judged alone: the JSON Schema, then the browser type, the address and URL
   * policies, and its callback (or the caller's key's default one).
   */
  private Checked check(JsonNode body, Caller caller) {
    List<FieldError> schemaErrors = JobSubmitSchema.validateRequest(body);
    if (!schemaErrors.isEmpty()) {
      return new Checked.Invalid(schemaErrors);
    }
    // The schema bounds browserTypeId from below only; an id past int is simply unknown.
    if (!body.path(BROWSER_TYPE_FIELD).canConvertToInt()) {
      return new Checked.Invalid(List.of(unknownBrowserType()));
    }
    JobRequest request;
    try {
      request = JsonCodec.convert(body, JobRequest.class);
    } catch (MalformedMessageException e) {
      return new Checked.Invalid(List.of(conversionError(e)));
    }
    List<FieldError> errors = admissionErrors(request);
    Optional<Callbacks.Callback> callback = Optional.empty();
    switch (callbacks.resolve(request.callbackUrl(), caller)) {
      case Callbacks.Resolved resolved -> callback = resolved.callback();
      case Callbacks.Refused refused -> errors.add(refused.error());
    }
    return errors.isEmpty() ? new Checked.Valid(request, callback) : new Checked.Invalid(errors);
  }

  private sealed interface Checked {
    record Valid(JobRequest request, Optional<Callbacks.Callback> callback) implements Checked {}

    record Invalid(List<FieldError> errors) implements Checked {}
  }

  private static SubmitJob command(JobId jobId, Caller caller, Checked.Valid valid, Instant now) {
    JobRequest request = valid.request();
    return new SubmitJob(
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
        now.truncatedTo(ChronoUnit.MICROS),
        request.browserStorage(),
        valid.callback().map(Callbacks.Callback::url).orElse(null),
        valid.callback().map(Callbacks.Callback::keyId).orElse(null));
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
