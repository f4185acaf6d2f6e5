package dev.browserfleet.worker.browser;

import dev.browserfleet.worker.engine.SessionInterruptedException;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.CommandPayload;
import org.openqa.selenium.remote.Response;

/**
 * A chromedriver session that leaves dialogs to its {@link ChromiumSession}, which answers each
 * over CDP the moment it opens ({@link ChromiumDialogs}). A command that chromedriver found
 * a dialog open for waits for that answer and runs again; a dialog CDP does not see (in a window
 * the page opened) is answered through chromedriver's alert commands.
 */
final class DialogAwareChromeDriver extends ChromeDriver {

  private static final Duration CDP_ANSWER = Duration.ofSeconds(2);

  private final DialogAnswers dialogs = new DialogAnswers();

  DialogAwareChromeDriver(ChromeDriverService service, ChromeOptions options) {
    super(service, options);
  }

  DialogAnswers dialogs() {
    return dialogs;
  }

  @Override
  protected Response execute(CommandPayload payload) {
    return DialogCommands.run(payload, super::execute, (open, timesMet) -> {
      if (timesMet < 2) {
        try {
          if (timesMet == 1) {
            // chromedriver may learn of a dialog before the session's own DevTools connection does.
            Thread.sleep(50);
          }
          dialogs.awaitAnswered(CDP_ANSWER);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SessionInterruptedException("interrupted while a dialog was answered");
        }
      } else {
        DialogCommands.answerThroughDriver(this, dialogs, message -> null);
      }
    });
  }
}
