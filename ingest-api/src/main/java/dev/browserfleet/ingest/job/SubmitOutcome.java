package dev.browserfleet.ingest.job;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.command.SubmitJob;
import java.util.List;

/** What became of a submission. */
public sealed interface SubmitOutcome {

  /** Published to {@code bf.job-commands} and acknowledged by the broker. */
  record Accepted(SubmitJob command) implements SubmitOutcome {}

  /** Not published; each error names the field at fault. */
  record Invalid(List<FieldError> errors) implements SubmitOutcome {

    public Invalid {
      errors = List.copyOf(errors);
    }
  }
}
