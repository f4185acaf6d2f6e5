package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.action.BrowserStorage;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.json.Json;

/** A job's {@link BrowserStorage} in the forms the browsers take: CDP cookies, WebDriver cookies, a seeding script. */
final class BrowserStorageScripts {

  private static final Json JSON = new Json();

  private BrowserStorageScripts() {}

  /** The cookies as CDP {@code Network.CookieParam}s; one without a domain belongs to the target URL. */
  static List<Map<String, Object>> cdpCookies(String targetUrl, BrowserStorage storage) {
    var params = new ArrayList<Map<String, Object>>();
    for (BrowserStorage.Cookie cookie : storage.cookies()) {
      var param = new LinkedHashMap<String, Object>();
      param.put("name", cookie.name());
      param.put("value", cookie.value());
      if (cookie.domain() == null) {
        param.put("url", targetUrl);
      } else {
        param.put("domain", cookie.domain());
      }
      param.put("path", cookie.path() == null ? "/" : cookie.path());
      putIfSet(param, "secure", cookie.secure());
      putIfSet(param, "httpOnly", cookie.httpOnly());
      putIfSet(param, "sameSite", cookie.sameSite());
      putIfSet(param, "expires", cookie.expires());
      params.add(param);
    }
    return params;
  }

  /** The cookies as WebDriver cookies, for the target URL's host when they name no domain. */
  static List<Cookie> webDriverCookies(String targetUrl, BrowserStorage storage) {
    String host = URI.create(targetUrl).getHost();
    return storage.cookies().stream()
        .map(c -> new Cookie.Builder(c.name(), c.value())
            .domain(c.domain() == null ? host : c.domain())
            .path(c.path() == null ? "/" : c.path())
            .isSecure(Boolean.TRUE.equals(c.secure()))
            .isHttpOnly(Boolean.TRUE.equals(c.httpOnly()))
            .sameSite(c.sameSite())
            .expiresOn(c.expires() == null ? null : new java.util.Date(c.expires() * 1000))
            .build())
        .toList();
  }

  /** A script that fills localStorage and sessionStorage when it runs in a document of the target's origin. */
  static String seedStorage(String targetUrl, BrowserStorage storage) {
    return "(() => {"
        + " if (location.origin !== " + JSON.toJson(originOf(targetUrl)) + ") return;"
        + " const local = " + JSON.toJson(storage.localStorage()) + ";"
        + " const session = " + JSON.toJson(storage.sessionStorage()) + ";"
        + " for (const [k, v] of Object.entries(local)) localStorage.setItem(k, v);"
        + " for (const [k, v] of Object.entries(session)) sessionStorage.setItem(k, v);"
        + "})();";
  }

  static String originOf(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  private static void putIfSet(Map<String, Object> param, String name, Object value) {
    if (value != null) {
      param.put(name, value);
    }
  }
}
