package dev.browserfleet.worker.browser;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openqa.selenium.WebDriverException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user contexts a {@link FirefoxSession} made, one per job, each with its tab, and not yet
 * removed: a browser the session does not own is handed back without them.
 */
final class UserContexts {

  /** A user context and the tab opened in it. */
  record Made(String userContext, String tab) {}

  private final BiDiChannel channel;
  private static final Logger log = LoggerFactory.getLogger(UserContexts.class);

  private volatile Map<String, Object> params;
  private final Set<String> live = ConcurrentHashMap.newKeySet();

  /** {@code params}: those of every {@code browser.createUserContext} (a proxy, or none). */
  UserContexts(BiDiChannel channel, Map<String, Object> params) {
    this.channel = channel;
    this.params = Map.copyOf(params);
  }

  Made create() {
    String made = (String) createUserContext().get("userContext");
    live.add(made);
    String opened = (String) channel.send("browsingContext.create", Map.of("type", "tab", "userContext", made)).get("context");
    return new Made(made, opened);
  }

  /**
   * A Firefox older than the {@code proxy} parameter refuses it: its contexts then go without,
   * and only documents are checked there, as on any remote browser.
   */
  private Map<String, Object> createUserContext() {
    if (!params.containsKey("proxy")) {
      return channel.send("browser.createUserContext", params);
    }
    try {
      return channel.send("browser.createUserContext", params);
    } catch (WebDriverException e) {
      Object error = BiDiValues.error(e).map(m -> m.get("error")).orElse(null);
      if (!"invalid argument".equals(error) && !"unsupported operation".equals(error)) {
        throw e;
      }
      log.info("this Firefox takes no proxy per user context ({}); only the documents its jobs load are checked",
          BiDiValues.error(e).map(m -> m.get("error") + ": " + m.get("message"))
              .orElseGet(() -> ChromiumDriverFactory.firstLine(e.getMessage())));
      params = Map.of();
      return channel.send("browser.createUserContext", params);
    }
  }

  /** Removes {@code userContext}, which closes its windows and drops its cookies, storage, cache and permissions. */
  void remove(String userContext, java.time.Duration limit) {
    channel.send("browser.removeUserContext", Map.of("userContext", userContext), limit);
    live.remove(userContext);
  }

  /** Those made and not removed yet. */
  List<String> live() {
    return List.copyOf(live);
  }
}
