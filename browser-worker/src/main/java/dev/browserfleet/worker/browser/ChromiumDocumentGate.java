package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.event.DialogResult;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.openqa.selenium.devtools.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Chromium session lets its pages do while a job runs: each document request, paused by
 * CDP's Fetch domain (the page's own and those of the windows it opened), goes on only when the
 * job's guard allows its URL, and the first refusal is kept for the job to fail with; each dialog
 * is answered the moment it opens. Answered off the DevTools event thread, which must not wait for
 * a reply on its own connection.
 */
final class ChromiumDocumentGate {

  private static final Logger log = LoggerFactory.getLogger(ChromiumDocumentGate.class);

  private final CdpTab tab;
  private final PopupTargets popups;
  private final NetworkActivity network;
  private final DialogAnswers dialogs;
  private final AtomicReference<String> refused = new AtomicReference<>();
  private volatile NavigationGuard guard = NavigationGuard.ALLOW_ALL;

  /** @param popups the windows the page opens, or null without a DevTools connection */
  ChromiumDocumentGate(CdpTab tab, PopupTargets popups, NetworkActivity network, DialogAnswers dialogs) {
    this.tab = tab;
    this.dialogs = dialogs;
    this.popups = popups;
    this.network = network;
  }

  /** The guard of the job from now on; forgets a refusal of the last one. */
  void use(NavigationGuard jobGuard) {
    guard = jobGuard;
    refused.set(null);
  }

  NavigationGuard guard() {
    return guard;
  }

  /** Keeps {@code why} as the job's refused navigation, unless one is kept already. */
  void refuse(String why) {
    refused.compareAndSet(null, why);
  }

  /** The first refused navigation since the last call, if any. */
  Optional<String> takeRefused() {
    return Optional.ofNullable(refused.getAndSet(null));
  }

  /** How many popups have their documents vetted now (for tests). */
  int guardedPopups() {
    return popups == null ? 0 : popups.guardedCount();
  }

  /** {@code Fetch.requestPaused}: the request id, URL and frame id of a document request. */
  void vet(String[] request) {
    String requestId = request[0];
    String url = request[1];
    String frameId = request[2];
    Optional<String> denial = url == null ? Optional.empty() : guard.denial(url);
    denial.ifPresent(this::refuse);
    if (denial.isEmpty()) {
      network.documentRequested(url);
    }
    Command<Void> answer = denial.isPresent()
        ? new Command<>("Fetch.failRequest", Map.of("requestId", requestId, "errorReason", "BlockedByClient"))
        : new Command<>("Fetch.continueRequest", Map.of("requestId", requestId));
    Thread.ofVirtual().name("bf-cdp-fetch").start(() -> popups.answer(tab.session(), frameId, answer));
  }

  /**
   * {@code Page.javascriptDialogOpening}: answers the dialog (alert, confirm, prompt,
   * beforeunload) the moment it opens, as the job's {@link DialogAnswers} say, so that it never
   * blocks the page, the job, or a reset, and reports it. An accepted prompt the job gave no text
   * is given its default text explicitly, as WebDriver's accept gives it.
   */
  void answerDialog(Map<String, Object> opened) {
    String type = DialogAnswers.typeOf(CdpEvents.string(opened, "type"));
    String message = CdpEvents.string(opened, "message");
    DialogAnswers.Answer answer = dialogs.current();
    var params = new java.util.HashMap<String, Object>();
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
