package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.event.DialogResult;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each dialog of a Firefox session over BiDi ({@code browsingContext.userPromptOpened},
 * then {@code browsingContext.handleUserPrompt}) the moment it opens, in any of the job's
 * windows, as the job's {@link DialogAnswers} say, so that it blocks nothing; the session's
 * capability leaves dialogs to it ("ignore").
 */
final class FirefoxDialogs {

  private static final Logger log = LoggerFactory.getLogger(FirefoxDialogs.class);

  private FirefoxDialogs() {}

  /** Answered without waiting: this runs on the connection's event thread. */
  static void answer(BiDiChannel channel, DialogAnswers dialogs, Map<String, Object> opened) {
    String type = DialogAnswers.typeOf((String) opened.get("type"));
    DialogAnswers.Answer answer = dialogs.current();
    var params = new HashMap<String, Object>();
    params.put("context", opened.get("context"));
    params.put("accept", answer.accept());
    // Firefox 153 gives a prompt accepted without userText an empty string, not its default value
    // (NewActionsFirefoxTest.dialogsAreAcceptedByDefault...): the default is passed back explicitly.
    String text = answer.textFor(type);
    Object defaultValue = opened.get("defaultValue");
    if (text == null && answer.accept() && DialogResult.PROMPT.equals(type) && defaultValue instanceof String given) {
      text = given;
    }
    if (text != null) {
      params.put("userText", text);
    }
    // Reported now, before the page can go on: the job's next command may end the job first.
    dialogs.answered(type, (String) opened.get("message"), answer);
    channel.sendAsync("browsingContext.handleUserPrompt", params).exceptionally(gone -> {
      log.debug("answering a dialog failed (it may be gone already): {}", gone.getMessage());
      return Map.of();
    });
  }
}
