package dev.browserfleet.ingest.policy;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.policy.UrlPatterns;
import dev.browserfleet.contracts.policy.UrlPolicyDirectory;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.contracts.reference.UrlPolicyType;
import dev.browserfleet.ingest.publish.RecordPublisher;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates, changes and deletes URL policies as records on {@code bf.url-policies}, which the
 * dispatcher, the workers and the projector follow. Each change is in this instance's directory
 * as soon as the broker has it.
 */
public final class UrlPolicyAdmin {

  /** What an admin sends; null fields of a change keep their value. */
  public record Change(String pattern, UrlPolicyType type, String description, Boolean isActive) {}

  /** The outcome of a create or a change. */
  public sealed interface Outcome {
    record Saved(UrlPolicy policy) implements Outcome {}

    record Invalid(List<FieldError> errors) implements Outcome {}

    record NotFound(UUID id) implements Outcome {}
  }

  private final RecordPublisher publisher;
  private final UrlPolicyDirectory directory;
  private final Clock clock;

  public UrlPolicyAdmin(RecordPublisher publisher, UrlPolicyDirectory directory, Clock clock) {
    this.publisher = publisher;
    this.directory = directory;
    this.clock = clock;
  }

  public Outcome create(Change change) {
    var errors = new ArrayList<FieldError>();
    if (change.pattern() == null) {
      errors.add(new FieldError("pattern", "is required"));
    }
    errors.addAll(problems(change));
    if (!errors.isEmpty()) {
      return new Outcome.Invalid(errors);
    }
    Instant now = now();
    var policy =
        new UrlPolicy(
            UUID.randomUUID(),
            change.pattern().strip(),
            change.type() == null ? UrlPolicyType.BLACKLIST : change.type(),
            change.description(),
            change.isActive() == null || change.isActive(),
            now,
            now);
    return save(policy);
  }

  public Outcome update(UUID id, Change change) {
    Optional<UrlPolicy> known = directory.find(id);
    if (known.isEmpty()) {
      return new Outcome.NotFound(id);
    }
    List<FieldError> errors = problems(change);
    if (!errors.isEmpty()) {
      return new Outcome.Invalid(errors);
    }
    UrlPolicy old = known.get();
    var policy =
        new UrlPolicy(
            id,
            change.pattern() == null ? old.pattern() : change.pattern().strip(),
            change.type() == null ? old.type() : change.type(),
            change.description() == null ? old.description() : change.description(),
            change.isActive() == null ? old.isActive() : change.isActive(),
            old.createdAt(),
            now());
    return save(policy);
  }

  /** Deletes the policy (a tombstone on the topic); false when there is none. */
  public boolean delete(UUID id) {
    if (directory.find(id).isEmpty()) {
      return false;
    }
    publisher.publish(Topics.URL_POLICIES, id.toString(), null);
    directory.remove(id);
    return true;
  }

  private Outcome save(UrlPolicy policy) {
    publisher.publish(Topics.URL_POLICIES, policy.id().toString(), policy);
    directory.put(policy);
    return new Outcome.Saved(policy);
  }

  private static List<FieldError> problems(Change change) {
    var errors = new ArrayList<FieldError>();
    if (change.pattern() != null) {
      UrlPatterns.problem(change.pattern().strip()).ifPresent(why -> errors.add(new FieldError("pattern", why)));
    }
    if (change.description() != null && change.description().length() > 10_000) {
      errors.add(new FieldError("description", "must be at most 10000 characters"));
    }
    return errors;
  }

  // Microseconds: what a PostgreSQL timestamp keeps, so the projected row equals the event.
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
