package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.event.DialogResult;
import java.util.HashMap;
import java.util.Map;
import org.openqa.selenium.devtools.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Chromium session's dialogs, answered over CDP the moment each opens, off the DevTools event
 * thread, which must not wait for a reply on its own connection.
 */
final class ChromiumDialogs {

  private static final Logger log = LoggerFactory.getLogger(ChromiumDialogs.class);

  private final CdpTab tab;
  private final DialogAnswers dialogs;

  ChromiumDialogs(CdpTab tab, DialogAnswers dialogs) {
    this.tab = tab;
    this.dialogs = dialogs;
  }

  /**
   * {@code Page.javascriptDialogOpening}: answers the dialog (alert, confirm, prompt,
   * beforeunload) the moment it opens, as the job's {@link DialogAnswers} say, so that it never
   * blocks the page, the job, or a reset, and reports it. An accepted prompt the job gave no text
   * is given its default text explicitly, as WebDriver's accept gives it.
   */
  void answer(Map<String, Object> opened) {
    String type = DialogAnswers.typeOf(CdpEvents.string(opened, "type"));
    String message = CdpEvents.string(opened, "message");
    DialogAnswers.Answer answer = dialogs.current();
    var params = new HashMap<String, Object>();
    params.put("accept", answer.accept());
    String text = answer.textFor(type);
    String defaultText = CdpEvents.string(opened, "defaultPrompt");
    if (text != null || (answer.accept() && DialogResult.PROMPT.equals(type) && defaultText != null)) {
      params.put("promptText", text != null ? text : defaultText);
    }
    // Reported now, before the page can go on: the job's next command may end the job first.
    dialogs.answered(type, message, answer);
    dialogs.opening();
    Thread.ofVirtual().name("bf-cdp-dialog").start(() -> {
      try {
        tab.send(new Command<Void>("Page.handleJavaScriptDialog", params));
      } catch (RuntimeException e) {
        log.debug("answering a dialog failed (it may be gone already): {}", e.getMessage());
      } finally {
        dialogs.closing();
      }
    });
  }
}
