package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.event.DialogResult;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How a session answers the dialogs of the job it runs, and to whom it reports each one: one per
 * session, shared by its engine's adapter whatever way that engine learns of a dialog (a CDP or
 * BiDi event, an error of the next WebDriver command). Dialogs open on event threads while the
 * job's thread changes the answer, hence the volatile state. Each job starts with WebDriver's
 * default: accept, a prompt with its default value.
 */
public final class DialogAnswers {

  private static final Consumer<DialogResult> NOBODY = dialog -> {};

  /** The answer to give: accept (a prompt with {@code promptText}, or its default when null) or dismiss. */
  public record Answer(boolean accept, String promptText) {
    public static final Answer DEFAULT = new Answer(true, null);

    /** The text a prompt is given before it is accepted, or null to leave it its default value. */
    String textFor(String type) {
      return accept && DialogResult.PROMPT.equals(type) ? promptText : null;
    }
  }

  private volatile Answer answer = Answer.DEFAULT;
  private volatile Consumer<DialogResult> report = NOBODY;
  private int beingAnswered;

  /** From now until the job ends, dialogs are answered so. */
  public void answerWith(Answer next) {
    answer = next;
  }

  /** The job's own dialogs go to {@code listener}, in the order they open, until the next {@link #newJob()}. */
  public void reportTo(Consumer<DialogResult> listener) {
    report = listener;
  }

  /** Back to the default answer, reporting to no one: what a reset and the start of a job need. */
  void newJob() {
    answer = Answer.DEFAULT;
    report = NOBODY;
  }

  Answer current() {
    return answer;
  }

  /**
   * Reports a dialog answered with {@code given}. {@code type} may be null where the engine cannot
   * tell; {@code promptText} is reported for a prompt accepted with a text the job gave.
   */
  void answered(String type, String message, Answer given) {
    String text = given.accept() && given.promptText() != null && DialogResult.PROMPT.equals(type) ? given.promptText() : null;
    report.accept(new DialogResult(type, message == null ? "" : message,
        given.accept() ? DialogResult.ACCEPTED : DialogResult.DISMISSED, text));
  }

  /** A dialog is being answered off the job's thread (CDP answers on an event thread). */
  synchronized void opening() {
    beingAnswered++;
  }

  /** The answer of a dialog {@link #opening()} reported has been given, or has failed. */
  synchronized void closing() {
    beingAnswered--;
    notifyAll();
  }

  /**
   * Returns once no dialog is being answered, or when {@code patience} has passed: a command that
   * found a dialog open is run again once the session's own answer has closed it.
   */
  synchronized void awaitAnswered(Duration patience) throws InterruptedException {
    long end = System.nanoTime() + patience.toNanos();
    while (beingAnswered > 0) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** A dialog type as the protocols name it, as the result names it; null when it is none of the four. */
  static String typeOf(String protocolType) {
    if (protocolType == null) {
      return null;
    }
    return switch (protocolType) {
      case "alert" -> DialogResult.ALERT;
      case "confirm" -> DialogResult.CONFIRM;
      case "prompt" -> DialogResult.PROMPT;
      case "beforeunload", "beforeUnload" -> DialogResult.BEFOREUNLOAD;
      default -> null;
    };
  }
}
