package dev.browserfleet.worker.guard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openqa.selenium.devtools.Command;
import org.openqa.selenium.devtools.Connection;
import org.openqa.selenium.devtools.Event;
import org.openqa.selenium.devtools.idealized.target.model.SessionID;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.json.JsonInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extends document vetting to the windows pages open ({@code window.open}, links with {@code
 * target=_blank}, and their own popups). A popup is a separate browser target, which the page's
 * DevTools session does not see; so the browser attaches every new page to this connection paused
 * ({@code Target.setAutoAttach} at browser level, with {@code waitForDebuggerOnStart}). A popup
 * (a page with an opener) gets the same {@code Fetch} interception of document requests as the job's
 * page before it is let run; other new pages (the fresh tab of a reset) are let run and let go.
 *
 * <p>Selenium hands event listeners an event's params only, not the session it came on, so a paused
 * request is answered on the session of the popup whose main frame it is for, else on the page's
 * session, else on each popup's session in turn (a session that did not pause the request refuses
 * the answer).
 */
final class PopupTargets {

  private static final Logger log = LoggerFactory.getLogger(PopupTargets.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Connection connection;
  // popup session id -> the popup's target id, which is also the id of its main frame
  private final Map<String, String> guarded = new ConcurrentHashMap<>();

  /** Has the browser of {@code connection} attach its new pages to it paused, from now on. */
  PopupTargets(Connection connection) {
    this.connection = connection;
    connection.addListener(new Event<>("Target.attachedToTarget", NewTarget::read), (sequence, target) -> attached(target));
    connection.addListener(new Event<>("Target.detachedFromTarget", PopupTargets::readSessionId),
        (sequence, session) -> {
          if (session != null) {
            guarded.remove(session);
          }
        });
    connection.sendAndWait(null, new Command<Void>("Target.setAutoAttach", Map.of("autoAttach", true,
        "waitForDebuggerOnStart", true, "flatten", true, "filter", List.of(Map.of("type", "page")))), TIMEOUT);
  }

  /** Request interception of every document a page loads: navigations, redirect hops, frames. */
  static Command<Void> interceptDocuments() {
    return new Command<>("Fetch.enable", Map.of("patterns",
        List.of(Map.of("urlPattern", "*", "resourceType", "Document", "requestStage", "Request"))));
  }

  /** How many popups have their documents vetted now. */
  int guardedCount() {
    return guarded.size();
  }

  /**
   * Sends {@code answer} to a paused document request of {@code page} or of a popup; see the class
   * comment for the order.
   */
  void answer(SessionID page, String frameId, Command<Void> answer) {
    // SessionID has no equals: the order is built from the ids' strings.
    List<String> order = new ArrayList<>();
    guarded.forEach((session, targetId) -> {
      if (targetId.equals(frameId)) {
        order.add(session);
      }
    });
    if (page != null) {
      order.add(page.toString());
    }
    guarded.keySet().stream().filter(session -> !order.contains(session)).forEach(order::add);
    RuntimeException refused = null;
    for (String session : order) {
      try {
        connection.sendAndWait(new SessionID(session), answer, TIMEOUT);
        return;
      } catch (RuntimeException notPausedThere) {
        refused = notPausedThere;
      }
    }
    log.debug("answering a paused request failed (its page is likely gone): {}",
        refused == null ? "no session" : refused.getMessage());
  }

  /**
   * Guards a new popup, then lets it run; lets any other new page run and detaches from it. Off
   * the DevTools event thread, which must not wait for a reply to its own connection. A popup that
   * cannot be guarded is closed rather than let run unguarded.
   */
  private void attached(NewTarget target) {
    // Only targets that appear after the auto-attach wait. The others are the pages that were
    // already there (left to their own sessions) and the job pages' own sessions.
    if (!target.waitingForDebugger()) {
      return;
    }
    Thread.ofVirtual().name("bf-cdp-attach").start(() -> {
      SessionID session = new SessionID(target.sessionId());
      if (target.isPopup()) {
        try {
          guarded.put(target.sessionId(), target.targetId());
          connection.sendAndWait(session, interceptDocuments(), TIMEOUT);
        } catch (RuntimeException e) {
          guarded.remove(target.sessionId());
          log.debug("guarding popup {} failed, closing it: {}", target.targetId(), e.getMessage());
          send(null, new Command<>("Target.closeTarget", Map.of("targetId", target.targetId())));
          return;
        }
      }
      send(session, new Command<>("Runtime.runIfWaitingForDebugger", Map.of()));
      if (!target.isPopup()) {
        send(null, new Command<>("Target.detachFromTarget", Map.of("sessionId", target.sessionId())));
      }
    });
  }

  private void send(SessionID session, Command<Void> command) {
    try {
      connection.sendAndWait(session, command, TIMEOUT);
    } catch (RuntimeException e) {
      log.debug("{} failed (the target is likely gone): {}", command.getMethod(), e.getMessage());
    }
  }

  /** The params of {@code Target.attachedToTarget}. */
  record NewTarget(String sessionId, String targetId, String openerId, boolean waitingForDebugger) {

    boolean isPopup() {
      return openerId != null;
    }

    static NewTarget read(JsonInput input) {
      Map<String, Object> params = params(input);
      Map<?, ?> info = params.get("targetInfo") instanceof Map<?, ?> map ? map : Map.of();
      return new NewTarget(
          string(params.get("sessionId")),
          string(info.get("targetId")),
          string(info.get("openerId")),
          Boolean.TRUE.equals(params.get("waitingForDebugger")));
    }
  }

  private static String readSessionId(JsonInput input) {
    return string(params(input).get("sessionId"));
  }

  private static Map<String, Object> params(JsonInput input) {
    Map<String, Object> params = input.read(Json.MAP_TYPE);
    return params == null ? Map.of() : params;
  }

  private static String string(Object value) {
    return value instanceof String text ? text : null;
  }
}
