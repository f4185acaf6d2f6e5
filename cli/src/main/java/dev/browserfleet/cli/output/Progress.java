package dev.browserfleet.cli.output;

/**
 * What a followed job is doing, as one line: {@code [######----] action 3 of 5: click  processing}.
 * Pure: the follower feeds it events and prints the line it gives back.
 */
public final class Progress {

  private static final int BAR = 20;

  private final int actionCount;
  private String status = "pending";
  private int done;
  private String current;
  private int attempt = 1;

  public Progress(int actionCount) {
    this.actionCount = actionCount;
  }

  public void status(String newStatus) {
    status = newStatus;
  }

  /** An action has ended ({@code index} from 0) in {@code attemptNumber}; a new attempt starts over. */
  public void actionEnded(int index, String action, int attemptNumber, boolean success) {
    if (attemptNumber != attempt) {
      attempt = attemptNumber;
      done = 0;
    }
    done = success ? index + 1 : index;
    current = action;
  }

  public String line() {
    int filled = actionCount == 0 ? 0 : Math.min(BAR, BAR * done / actionCount);
    var line = new StringBuilder("[").append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ");
    if (current == null) {
      line.append("action 0 of ").append(actionCount);
    } else {
      line.append("action ").append(Math.min(actionCount, Math.max(done, 1))).append(" of ").append(actionCount)
          .append(": ").append(current);
    }
    line.append("  ").append(status);
    if (attempt > 1) {
      line.append(" (attempt ").append(attempt).append(')');
    }
    return line.toString();
  }
}
