package dev.browserfleet.worker.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.worker.engine.Key;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

/** The engine's keys reach every WebDriver-shaped driver as the code points Selenium would send. */
class EngineKeysTest {

  @Test
  void eachKeyIsTheCodePointWebDriverNamesItBy() {
    for (Key key : Key.values()) {
      assertThat(key.toString()).as(key.name()).isEqualTo(Keys.valueOf(key.name()).toString());
    }
  }
}
