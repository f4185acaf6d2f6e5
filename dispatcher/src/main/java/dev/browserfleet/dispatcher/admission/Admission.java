package dev.browserfleet.dispatcher.admission;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.JobId;
import dev.browserfleet.contracts.JobSubmitSchema;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.MalformedMessageException;
import dev.browserfleet.contracts.command.CancelJob;
import dev.browserfleet.contracts.command.JobCommand;
import dev.browserfleet.contracts.command.SubmitJob;
import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.contracts.policy.UrlPolicies;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.webhook.CallbackUrls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads one record of bf.job-commands and decides whether it is a command at all, and whether a
 * submission may run. The rules are those of a REST submission, so that a job produced straight
 * to Kafka is treated exactly like one: the JSON Schema, an active browser type, the target
 * address policy and the URL policies, for the target URL and every navigate URL, and the address
 * policy for the callback URL.
 */
public final class Admission {

  /** Looks up a browser type by id; empty when unknown. */
  @FunctionalInterface
  public interface BrowserTypes {
    Optional<BrowserType> byId(int id);
  }

  /** What a record on bf.job-commands turned out to be. */
  public sealed interface Verdict {}

  /** A valid submission, stamped with its submission time if it had none. */
  public record Admitted(SubmitJob job, BrowserType type) implements Verdict {}

  /** A submission that parses but may not run; it becomes a failed job naming the field. */
  public record Rejected(JobId jobId, SubmitJob partial, String field, String reason) implements Verdict {}

  public record Cancel(CancelJob command) implements Verdict {}

  /** Not a command we can attribute to a job; it goes to the dead-letter topic. */
  public record Unreadable(String reason) implements Verdict {}

  private final BrowserTypes browserTypes;
  private final TargetAddressPolicy targets;
  private final Supplier<UrlPolicies> urlPolicies;

  public Admission(BrowserTypes browserTypes, TargetAddressPolicy targets) {
    this(browserTypes, targets, UrlPolicies::none);
  }

  /** @param urlPolicies the URL policies in force at the moment of each admission */
  public Admission(BrowserTypes browserTypes, TargetAddressPolicy targets, Supplier<UrlPolicies> urlPolicies) {
    this.browserTypes = browserTypes;
    this.targets = targets;
    this.urlPolicies = urlPolicies;
  }

  public Verdict read(String key, byte[] value, Instant now) {
    JsonNode tree;
    try {
      tree = JsonCodec.readTree(value);
    } catch (MalformedMessageException e) {
      return new Unreadable(e.getMessage());
    }
    if (!tree.isObject()) {
      return new Unreadable("a command is a JSON object, got " + tree.getNodeType());
    }
    String type = tree.path("type").asString("");
    return switch (type) {
      case SubmitJob.TYPE -> submission(key, tree, now);
      case CancelJob.TYPE -> cancellation(tree);
      case "" -> new Unreadable("a command needs a \"type\": \"job.submit\" or \"job.cancel\"");
      default -> new Unreadable("unknown command type '" + type + "'; expected job.submit or job.cancel");
    };
  }

  private Verdict submission(String key, JsonNode tree, Instant now) {
    Optional<JobId> jobId = jobIdOf(tree);
    if (jobId.isEmpty()) {
      return new Unreadable("job.submit without a valid jobId (a UUID): " + tree.path("jobId"));
    }
    JobId id = jobId.get();
    SubmitJob partial = readLeniently(tree);
    if (!id.toString().equals(key)) {
      return new Rejected(id, partial, "key",
          "the record key must be the job id " + id + " (was " + (key == null ? "null" : "'" + key + "'")
              + "), so that all of a job's records share a partition");
    }
    List<FieldError> errors = JobSubmitSchema.validateCommand(tree);
    if (!errors.isEmpty()) {
      // The row's error message names the first field; the others follow with their own names.
      String reason = Stream.concat(Stream.of(errors.getFirst().message()), errors.stream().skip(1).map(FieldError::toString))
          .collect(Collectors.joining("; "));
      return new Rejected(id, partial, errors.getFirst().field(), reason);
    }
    SubmitJob job = partial.submittedAt() == null ? partial.withSubmittedAt(now) : partial;
    Optional<BrowserType> type = browserTypes.byId(job.browserTypeId()).filter(BrowserType::isActive);
    if (type.isEmpty()) {
      return new Rejected(id, job, "browserTypeId", "no active browser type " + job.browserTypeId());
    }
    List<FieldError> denied = new ArrayList<>(targets.violations(job.targetUrl(), job.actions()));
    denied.addAll(urlPolicies.get().violations(job.targetUrl(), job.actions()));
    if (job.callbackUrl() != null) {
      CallbackUrls.violation(job.callbackUrl(), targets)
          .ifPresent(why -> denied.add(new FieldError(CallbackUrls.FIELD, job.callbackUrl() + " " + why)));
    }
    if (!denied.isEmpty()) {
      return new Rejected(id, job, denied.getFirst().field(), denied.getFirst().message());
    }
    return new Admitted(job, type.get());
  }

  private static Verdict cancellation(JsonNode tree) {
    try {
      var cancel = (CancelJob) JsonCodec.convert(tree, JobCommand.class);
      return cancel.jobId() == null ? new Unreadable("job.cancel without a jobId") : new Cancel(cancel);
    } catch (MalformedMessageException | IllegalArgumentException e) {
      return new Unreadable("not a valid job.cancel: " + e.getMessage());
    }
  }

  private static Optional<JobId> jobIdOf(JsonNode tree) {
    try {
      return Optional.of(new JobId(UUID.fromString(tree.path("jobId").asString(""))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * As much of the submission as can be read, for the rejected job's row (its client sees it only
   * if it carries the clientId); null if nothing. Actions that cannot be read are left out.
   */
  private static SubmitJob readLeniently(JsonNode tree) {
    try {
      return (SubmitJob) JsonCodec.convert(tree, JobCommand.class);
    } catch (RuntimeException unreadable) {
      if (tree instanceof ObjectNode object && object.has("actions")) {
        ObjectNode withoutActions = object.deepCopy();
        withoutActions.remove("actions");
        try {
          return (SubmitJob) JsonCodec.convert(withoutActions, JobCommand.class);
        } catch (RuntimeException stillUnreadable) {
          return null;
        }
      }
      return null;
    }
  }
}
