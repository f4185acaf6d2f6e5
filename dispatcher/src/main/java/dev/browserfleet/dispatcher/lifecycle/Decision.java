package dev.browserfleet.dispatcher.lifecycle;

import java.util.List;

/**
 * The result of one input: the job's new state ({@code null} when unchanged), what to send, and,
 * when the input was ignored, why (for the log).
 */
public record Decision(JobState state, List<Output> outputs, String ignoredBecause) {

  static Decision ignore(String why) {
    return new Decision(null, List.of(), why);
  }

  static Decision of(JobState state, List<Output> outputs) {
    return new Decision(state, List.copyOf(outputs), null);
  }

  public boolean isIgnored() {
    return ignoredBecause != null;
  }
}
