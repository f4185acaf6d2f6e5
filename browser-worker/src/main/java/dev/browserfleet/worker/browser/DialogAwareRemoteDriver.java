package dev.browserfleet.worker.browser;

import dev.browserfleet.worker.engine.PageScripts;
import java.net.URL;
import java.util.List;
import org.openqa.selenium.Capabilities;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.remote.CommandPayload;
import org.openqa.selenium.remote.DriverCommand;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.remote.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain WebDriver session whose driver leaves dialogs open (WebKitWebDriver with {@code
 * unhandledPromptBehavior} "ignore"): WebDriver has no event for a dialog, so one is answered when
 * the next command finds it open, as the job's {@link DialogAnswers} say, and that command runs
 * again. Its type comes from the notes of {@code dialog-types.js}, which the session puts in each
 * page it waits for; a dialog that opens before (a page's inline script) has the type only a prompt
 * given text can show.
 */
final class DialogAwareRemoteDriver extends RemoteWebDriver {

  private static final Logger log = LoggerFactory.getLogger(DialogAwareRemoteDriver.class);
  private static final String NOTE_TYPES = PageScripts.load(DialogAwareRemoteDriver.class, "dialog-types.js");
  private static final String NOTED_TYPE = PageScripts.load(DialogAwareRemoteDriver.class, "dialog-type.js");

  private final DialogAnswers dialogs;

  DialogAwareRemoteDriver(URL endpoint, Capabilities capabilities, DialogAnswers dialogs) {
    super(endpoint, capabilities);
    this.dialogs = dialogs;
  }

  @Override
  protected Response execute(CommandPayload payload) {
    return DialogCommands.run(payload, super::execute,
        (open, timesMet) -> DialogCommands.answerThroughDriver(this, dialogs, this::notedType));
  }

  /** Has the current page note the type of each dialog it opens; a page between documents is let be. */
  void noteDialogTypes() {
    try {
      executeScript(NOTE_TYPES);
    } catch (WebDriverException e) {
      log.debug("could not have the page note its dialogs' types: {}", e.getMessage());
    }
  }

  /** What the page noted of the dialog just answered, run as is: another dialog open now leaves it unknown. */
  private String notedType(String message) {
    try {
      Object type = super.execute(DriverCommand.EXECUTE_SCRIPT(NOTED_TYPE, List.of(message))).getValue();
      return DialogAnswers.typeOf(type instanceof String text ? text : null);
    } catch (WebDriverException e) {
      return null;
    }
  }
}
