package dev.browserfleet.projector.projection;

import dev.browserfleet.contracts.event.JobAccepted;
import dev.browserfleet.contracts.event.JobArtifactStored;
import dev.browserfleet.contracts.event.JobCancelled;
import dev.browserfleet.contracts.event.JobEvent;
import dev.browserfleet.contracts.event.JobFailed;
import dev.browserfleet.contracts.event.JobLogged;
import dev.browserfleet.contracts.event.JobProgressed;
import dev.browserfleet.contracts.event.JobRejected;
import dev.browserfleet.contracts.event.JobRequeued;
import dev.browserfleet.contracts.event.JobStarted;
import dev.browserfleet.contracts.event.JobSucceeded;
import dev.browserfleet.contracts.event.WorkerEvent;
import dev.browserfleet.contracts.event.WorkerHeartbeat;
import dev.browserfleet.contracts.event.WorkerStopped;
import dev.browserfleet.contracts.reference.ApiKey;
import dev.browserfleet.contracts.reference.ApiKeyUsage;
import dev.browserfleet.contracts.reference.BrowserType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a message that parsed carries what the projection needs. The codec is tolerant by
 * design, so {@code {"type":"job.log"}} parses with every field null; such a message is as
 * unusable as garbage and goes to the dead letters with this reason rather than failing a write.
 */
public final class EventChecks {

  private EventChecks() {}

  public static Optional<String> problem(JobEvent event) {
    var missing = new Missing();
    missing.require("eventId", event.eventId());
    missing.require("jobId", event.jobId());
    missing.require("occurredAt", event.occurredAt());
    if (event.sequence() < 1) {
      missing.add("sequence (must be 1 or more)");
    }
    switch (event) {
      case JobAccepted e -> {
        missing.require("job", e.job());
        if (e.job() != null) {
          missing.require("job.targetUrl", e.job().targetUrl());
        }
      }
      case JobRejected e -> {}
      case JobStarted e -> missing.requirePositive("attempt", e.attempt());
      case JobRequeued e -> {
        missing.requirePositive("attempt", e.attempt());
        missing.requirePositive("nextAttempt", e.nextAttempt());
      }
      case JobLogged e -> {
        missing.require("level", e.level());
        missing.require("message", e.message());
      }
      case JobProgressed e -> missing.require("action", e.action());
      case JobArtifactStored e -> {
        missing.require("artifact", e.artifact());
        if (e.artifact() != null) {
          missing.require("artifact.id", e.artifact().id());
          missing.require("artifact.artifactType", e.artifact().artifactType());
        }
      }
      case JobSucceeded e -> {}
      case JobFailed e -> {}
      case JobCancelled e -> {}
    }
    return missing.reason(event.getClass().getSimpleName());
  }

  public static Optional<String> problem(WorkerEvent event) {
    var missing = new Missing();
    missing.require("eventId", event.eventId());
    missing.require("workerId", event.workerId());
    missing.require("occurredAt", event.occurredAt());
    switch (event) {
      case WorkerHeartbeat e -> missing.require("status", e.status());
      case WorkerStopped e -> {}
    }
    return missing.reason(event.getClass().getSimpleName());
  }

  public static Optional<String> problem(BrowserType type) {
    var missing = new Missing();
    missing.requirePositive("id", type.id());
    missing.require("name", type.name());
    missing.require("type", type.type());
    return missing.reason("BrowserType");
  }

  public static Optional<String> problem(ApiKey key) {
    var missing = new Missing();
    missing.require("id", key.id());
    missing.require("keyHash", key.keyHash());
    missing.require("clientId", key.clientId());
    missing.require("name", key.name());
    return missing.reason("ApiKey");
  }

  public static Optional<String> problem(ApiKeyUsage usage) {
    var missing = new Missing();
    missing.require("keyId", usage.keyId());
    missing.require("lastUsedAt", usage.lastUsedAt());
    return missing.reason("ApiKeyUsage");
  }

  public static Optional<String> problem(UrlPolicyRecord record) {
    if (record.policy() == null) {
      return Optional.empty();
    }
    var missing = new Missing();
    missing.require("id", record.policy().id());
    missing.require("pattern", record.policy().pattern());
    missing.require("type", record.policy().type());
    if (missing.reason("UrlPolicy").isPresent()) {
      return missing.reason("UrlPolicy");
    }
    return record.policy().id().equals(record.id())
        ? Optional.empty()
        : Optional.of("UrlPolicy id " + record.policy().id() + " is not the record's key " + record.id());
  }

  private static final class Missing {
    private final List<String> fields = new ArrayList<>();

    void require(String field, Object value) {
      if (value == null) {
        fields.add(field);
      }
    }

    void requirePositive(String field, int value) {
      if (value < 1) {
        fields.add(field + " (must be 1 or more)");
      }
    }

    void add(String field) {
      fields.add(field);
    }

    Optional<String> reason(String what) {
      return fields.isEmpty()
          ? Optional.empty()
          : Optional.of(what + " without " + String.join(", ", fields));
    }
  }
}
