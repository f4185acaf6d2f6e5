package dev.browserfleet.worker.browser;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.UnsupportedCommandException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriver.Timeouts;
import org.openqa.selenium.WebDriver.Window;
import org.openqa.selenium.logging.Logs;

/** {@link BiDiDriver}'s options: the cookies of the job's user context, and the timeout that bounds script waits. */
final class BiDiOptions implements WebDriver.Options {

  private final BiDiChannel channel;
  private final Supplier<String> topContext;
  private final Supplier<Duration> scriptTimeout;
  private final Consumer<Duration> setScriptTimeout;

  BiDiOptions(BiDiChannel channel, Supplier<String> topContext, Supplier<Duration> scriptTimeout,
      Consumer<Duration> setScriptTimeout) {
    this.channel = channel;
    this.topContext = topContext;
    this.scriptTimeout = scriptTimeout;
    this.setScriptTimeout = setScriptTimeout;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Set<Cookie> getCookies() {
    Map<String, Object> answer = channel.send("storage.getCookies",
        Map.of("partition", Map.of("type", "context", "context", topContext.get())));
    var cookies = new LinkedHashSet<Cookie>();
    for (var c : (List<Map<String, Object>>) answer.get("cookies")) {
      var value = (Map<String, Object>) c.get("value");
      var builder = new Cookie.Builder((String) c.get("name"), String.valueOf(value.get("value")))
          .domain((String) c.get("domain")).path((String) c.get("path"))
          .isSecure(Boolean.TRUE.equals(c.get("secure"))).isHttpOnly(Boolean.TRUE.equals(c.get("httpOnly")));
      if (c.get("sameSite") instanceof String sameSite && !sameSite.equals("default")) {
        builder.sameSite(Character.toUpperCase(sameSite.charAt(0)) + sameSite.substring(1));
      }
      if (c.get("expiry") instanceof Number expiry) {
        builder.expiresOn(new java.util.Date(expiry.longValue() * 1000));
      }
      cookies.add(builder.build());
    }
    return cookies;
  }

  @Override
  public Cookie getCookieNamed(String name) {
    return getCookies().stream().filter(c -> c.getName().equals(name)).findFirst().orElse(null);
  }

  @Override
  public Timeouts timeouts() {
    return new Timeouts() {
      @Override
      public Timeouts implicitlyWait(Duration duration) {
        return this;
      }

      @Override
      public Timeouts scriptTimeout(Duration duration) {
        setScriptTimeout.accept(duration);
        return this;
      }

      @Override
      public Duration getScriptTimeout() {
        return scriptTimeout.get();
      }

      @Override
      public Timeouts pageLoadTimeout(Duration duration) {
        return this;
      }
    };
  }

  @Override
  public void addCookie(Cookie cookie) {
    throw new UnsupportedCommandException("cookies are seeded by the session");
  }

  @Override
  public void deleteCookieNamed(String name) {
    throw new UnsupportedCommandException("cookies are cleared by the session");
  }

  @Override
  public void deleteCookie(Cookie cookie) {
    throw new UnsupportedCommandException("cookies are cleared by the session");
  }

  @Override
  public void deleteAllCookies() {
    throw new UnsupportedCommandException("cookies are cleared by the session");
  }

  @Override
  public Window window() {
    throw new UnsupportedCommandException("the session sets the viewport");
  }

  @Override
  public Logs logs() {
    throw new UnsupportedCommandException("no logs over WebDriver BiDi here");
  }
}
