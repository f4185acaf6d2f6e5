package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.event.DialogResult;
import java.util.Set;
import java.util.function.Function;
import org.openqa.selenium.Alert;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.remote.CommandPayload;
import org.openqa.selenium.remote.DriverCommand;
import org.openqa.selenium.remote.Response;

/**
 * The commands of a WebDriver session that leaves dialogs open (capability {@code
 * unhandledPromptBehavior} "ignore"), so that the session, not the driver, decides how each is
 * answered. A command that found a dialog open was not run (the driver checks for one first), so
 * it runs again once the dialog is answered; a command that opens a dialog itself succeeds.
 */
final class DialogCommands {

  private static final Set<String> ABOUT_DIALOGS = Set.of(DriverCommand.GET_ALERT_TEXT, DriverCommand.ACCEPT_ALERT,
      DriverCommand.DISMISS_ALERT, DriverCommand.SET_ALERT_VALUE, DriverCommand.QUIT);
  /** A page that opens dialog after dialog fails the command, rather than holding it for ever. */
  private static final int MOST_DIALOGS_PER_COMMAND = 20;

  /** Sees to it that the open dialog that failed a command is answered; {@code timesMet}: 0 the first time for this command. */
  interface Answerer {
    void answer(UnhandledAlertException open, int timesMet);
  }

  private DialogCommands() {}

  static Response run(CommandPayload command, Function<CommandPayload, Response> execute, Answerer answerer) {
    if (ABOUT_DIALOGS.contains(command.getName())) {
      return execute.apply(command);
    }
    for (int met = 0; ; met++) {
      try {
        return execute.apply(command);
      } catch (UnhandledAlertException open) {
        if (met >= MOST_DIALOGS_PER_COMMAND) {
          throw open;
        }
        answerer.answer(open, met);
      }
    }
  }

  /**
   * Answers the open dialog through WebDriver's alert commands, as {@code dialogs} say, and
   * reports it. WebDriver tells a dialog's message, not its type: {@code notedType} gives the type
   * the page noted (see {@code dialog-types.js}), or null. Only a prompt takes text, so one that is
   * dismissed or given the job's text is told apart by taking it; a prompt accepted with its own
   * default text cannot be, as that would change the text.
   */
  static void answerThroughDriver(WebDriver driver, DialogAnswers dialogs, Function<String, String> notedType) {
    DialogAnswers.Answer answer = dialogs.current();
    String message;
    boolean tookText = false;
    try {
      Alert alert = driver.switchTo().alert();
      message = alert.getText();
      if (!answer.accept() || answer.promptText() != null) {
        try {
          alert.sendKeys(answer.accept() ? answer.promptText() : "");
          tookText = true;
        } catch (NoAlertPresentException gone) {
          throw gone;
        } catch (WebDriverException notAPrompt) {
          // an alert, a confirm or a beforeunload: the answer alone is theirs
        }
      }
      if (answer.accept()) {
        alert.accept();
      } else {
        alert.dismiss();
      }
    } catch (NoAlertPresentException gone) {
      return; // answered meanwhile (by the browser's own means, or the page went away)
    }
    String type = notedType.apply(message);
    dialogs.answered(type != null ? type : tookText ? DialogResult.PROMPT : null, message, answer);
  }
}
