package dev.browserfleet.worker.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.DeviceType;
import dev.browserfleet.contracts.Engine;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.SeedBrowserTypes;
import dev.browserfleet.worker.engine.DeviceProfile;
import org.junit.jupiter.api.Test;

class DeviceProfileTest {

  @Test
  void aDesktopTypeKeepsItsViewportAtScaleOneAndTheBrowsersOwnUserAgent() {
    var profile = DeviceProfile.of(SeedBrowserTypes.all().get(0), 3);

    assertThat(profile).isEqualTo(new DeviceProfile(1280, 720, 1.0, false, null));
  }

  @Test
  void aMobileTypeIsAPhoneWithTheConfiguredScaleAndItsUserAgent() {
    BrowserType mobile = SeedBrowserTypes.all().get(1);

    var profile = DeviceProfile.of(mobile, 3);

    assertThat(profile).isEqualTo(new DeviceProfile(412, 915, 3.0, true, mobile.userAgent()));
  }

  @Test
  void aTypeWithoutViewportGetsTheDesktopDefault() {
    var type = new BrowserType(9, "Bare", Engine.CHROMIUM, DeviceType.DESKTOP, " ", null, null, true, null, null);

    assertThat(DeviceProfile.of(type, 3)).isEqualTo(new DeviceProfile(1280, 720, 1.0, false, null));
  }
}
