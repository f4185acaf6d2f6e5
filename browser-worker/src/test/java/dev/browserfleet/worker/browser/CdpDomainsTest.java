package dev.browserfleet.worker.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.devtools.CdpInfo;

/** Which bundled CDP domains a Chromium gets that Selenium has none for (Debian's can be older or newer). */
class CdpDomainsTest {

  private final List<Integer> bundled = ServiceLoader.load(CdpInfo.class).stream()
      .map(provider -> provider.get().getMajorVersion()).sorted().toList();

  @Test
  void anOlderChromiumGetsTheOldestBundledDomains() {
    assertThat(bundled).isNotEmpty();
    int older = bundled.getFirst() - 4;

    assertThat(CdpDomains.nearest(older + ".0.7871.100").getMajorVersion()).isEqualTo(bundled.getFirst());
  }

  @Test
  void aNewerChromiumGetsTheNewestBundledDomains() {
    int newer = bundled.getLast() + 7;

    assertThat(CdpDomains.nearest(newer + ".0.1.2").getMajorVersion()).isEqualTo(bundled.getLast());
  }

  @Test
  void aVersionThatIsNoVersionIsNamed() {
    assertThatThrownBy(() -> CdpDomains.nearest("unknown"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown");
  }
}
