package dev.browserfleet.dispatcher.streams;

/** What the job processor forwards, before the split routes each kind to its sink. */
sealed interface Outbound {

  /** Bytes for bf.job-events. */
  record Event(byte[] json) implements Outbound {}

  /** Bytes for the lane topic named. */
  record Assignment(String laneTopic, byte[] json) implements Outbound {}

  /** Bytes for bf.attempt-revocations (keyed by the revocation's own key). */
  record Revocation(byte[] json) implements Outbound {}

  /** Bytes of a {@link dev.browserfleet.dispatcher.fairness.Notice}, for the fair-share topic. */
  record Notice(byte[] json) implements Outbound {}

  /** Bytes of a {@link FairShareRefusal}, for the refusals topic (keyed by job id). */
  record Refusal(byte[] json) implements Outbound {}

  /** The original bytes, for bf.dead-letters; the reason travels in the record's headers. */
  record DeadLetter(byte[] original) implements Outbound {}

  static byte[] bytesOf(Outbound outbound) {
    return switch (outbound) {
      case Event e -> e.json();
      case Assignment a -> a.json();
      case Revocation r -> r.json();
      case Notice n -> n.json();
      case Refusal r -> r.json();
      case DeadLetter d -> d.original();
    };
  }
}
