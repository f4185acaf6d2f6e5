package dev.browserfleet.worker.browser;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.devtools.CdpInfo;
import org.openqa.selenium.devtools.CdpVersionFinder;
import org.slf4j.LoggerFactory;

/** A Chromium that Selenium bundles no CDP domains for is a fact worth one line, not a warning per session. */
class SeleniumLogLevelsTest {

  @Test
  void sessionsOfAChromiumSeleniumHasNoDomainsForLogOneInfoLineAndNoWarning() {
    int oldest = ServiceLoader.load(CdpInfo.class).stream()
        .mapToInt(provider -> provider.get().getMajorVersion()).min().orElseThrow();
    // Older than any other test of this JVM asks for, so that its one line is still to come.
    String version = (oldest - 11) + ".0.7871.100";
    var julRecords = new CopyOnWriteArrayList<LogRecord>();
    Handler jul = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (isLoggable(record)) {
          julRecords.add(record);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    var julRoot = java.util.logging.Logger.getLogger("");
    var root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    var events = new ListAppender<ILoggingEvent>();
    events.start();
    julRoot.addHandler(jul);
    root.addAppender(events);
    try {
      EngineCatalog.advertised(List.of(), Map.of(), null); // as the worker starts
      for (int session = 0; session < 3; session++) {
        new CdpVersionFinder().match(version); // as ChromiumDriver does when it starts a session
        CdpDomains.nearest(version); // as the session does to attach to its page
      }
    } finally {
      root.detachAppender(events);
      julRoot.removeHandler(jul);
    }

    assertThat(julRecords)
        .noneSatisfy(r -> assertThat(r.getLevel().intValue()).isGreaterThanOrEqualTo(java.util.logging.Level.WARNING.intValue()));
    assertThat(events.list).noneSatisfy(e -> assertThat(e.getLevel().isGreaterOrEqual(Level.WARN)).isTrue());
    assertThat(events.list)
        .filteredOn(e -> e.getFormattedMessage().contains("Selenium bundles no CDP domains for Chromium " + (oldest - 11)))
        .singleElement()
        .satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.INFO));
  }
}
