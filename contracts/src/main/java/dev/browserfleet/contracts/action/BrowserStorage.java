package dev.browserfleet.contracts.action;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * State a job's browser starts with, in place before the first request to the target: {@code
 * cookies} (sent with that first request), and {@code localStorage} and {@code sessionStorage}
 * items of the target URL's origin (visible to the page's first script).
 */
public record BrowserStorage(List<Cookie> cookies, Map<String, String> localStorage, Map<String, String> sessionStorage) {

  public BrowserStorage {
    cookies = cookies == null ? List.of() : List.copyOf(cookies);
    localStorage = localStorage == null ? Map.of() : Map.copyOf(localStorage);
    sessionStorage = sessionStorage == null ? Map.of() : Map.copyOf(sessionStorage);
  }

  @JsonIgnore
  public boolean isEmpty() {
    return cookies.isEmpty() && localStorage.isEmpty() && sessionStorage.isEmpty();
  }

  /** Names only: cookie values and storage items are often credentials, and must not reach a log. */
  @Override
  public String toString() {
    return "BrowserStorage[cookies=" + cookies.stream().map(Cookie::name).toList()
        + ", localStorage=" + localStorage.keySet() + ", sessionStorage=" + sessionStorage.keySet() + "]";
  }

  /**
   * A cookie. Without {@code domain} it belongs to the target URL's host; {@code expires} is in
   * seconds since the epoch (a session cookie when absent); {@code sameSite} is {@code Strict},
   * {@code Lax} or {@code None}.
   */
  public record Cookie(
      String name,
      String value,
      String domain,
      String path,
      Boolean secure,
      Boolean httpOnly,
      String sameSite,
      Long expires) {

    /** Without the value, which is often a credential. */
    @Override
    public String toString() {
      return "Cookie[name=" + name + ", domain=" + domain + ", path=" + path + "]";
    }
  }
}
