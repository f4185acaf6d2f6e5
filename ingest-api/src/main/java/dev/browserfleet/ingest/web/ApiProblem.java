package dev.browserfleet.ingest.web;

import dev.browserfleet.ingest.job.QueueLimits;
import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.reference.ApiKeyScope;
import dev.browserfleet.ingest.access.RateLimiter;
import java.util.List;

/** Errors the API raises itself, each turned into one problem type by {@link IngestProblemHandler}. */
sealed abstract class ApiProblem extends RuntimeException {

  ApiProblem(String detail) {
    super(detail, null, false, false);
  }

  /** 401: no key, or one that is not (or no longer) valid. */
  static final class KeyRefused extends ApiProblem {
    KeyRefused(String detail) {
      super(detail);
    }
  }

  /** 403: a client key on an admin endpoint. */
  static final class AdminOnly extends ApiProblem {
    AdminOnly() {
      super("This endpoint needs the admin key; a client key may not use it.");
    }
  }

  /** 403: a client key without the scope an endpoint needs. */
  static final class MissingScope extends ApiProblem {
    MissingScope(ApiKeyScope scope) {
      super("This API key lacks the scope '" + scope.wireName() + "' this endpoint needs; ask an admin for a key that has it.");
    }
  }

  /** 400 with field errors. */
  static final class Invalid extends ApiProblem {
    private final List<FieldError> errors;

    Invalid(String detail, List<FieldError> errors) {
      super(detail);
      this.errors = List.copyOf(errors);
    }

    List<FieldError> errors() {
      return errors;
    }
  }

  /** 400: the body is not JSON at all. */
  static final class MalformedJson extends ApiProblem {
    MalformedJson(String detail) {
      super(detail);
    }
  }

  /** 409: the job has already ended, so there is nothing to cancel. */
  static final class JobFinished extends ApiProblem {
    JobFinished(String detail) {
      super(detail);
    }
  }

  /** 429: the key has used up its requests for now. */
  static final class RateLimited extends ApiProblem {
    private final RateLimiter.Decision decision;

    RateLimited(RateLimiter.Decision decision) {
      super(
          "This API key may make " + decision.limit() + " requests a minute and has used them; retry in "
              + decision.retryAfterSeconds() + " s (Retry-After), or ask an admin for a higher limit.");
      this.decision = decision;
    }

    RateLimiter.Decision decision() {
      return decision;
    }
  }

  /** 429: the client's pending jobs are at its maxQueuedJobs. */
  static final class QueueFull extends ApiProblem {
    /** How long a client is told to wait: jobs start within seconds when slots are free. */
    static final int RETRY_AFTER_SECONDS = 5;
    private final QueueLimits.QueueFull limit;

    QueueFull(QueueLimits.QueueFull limit) {
      super("Not accepted: " + limit.reason() + " (Retry-After). Nothing of this request was queued.");
      this.limit = limit;
    }

    QueueLimits.QueueFull limit() {
      return limit;
    }
  }

  /** 404: nothing there that this caller may see. */
  static final class NotFound extends ApiProblem {
    NotFound(String detail) {
      super(detail);
    }
  }

  /** 410: the artifact's row is there, its bytes are not, and they will not come back. */
  static final class Gone extends ApiProblem {
    Gone(String detail) {
      super(detail);
    }
  }
}
