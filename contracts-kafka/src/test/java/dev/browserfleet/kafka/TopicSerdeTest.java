package dev.browserfleet.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserfleet.contracts.MalformedMessageException;
import dev.browserfleet.contracts.Topics;
import dev.browserfleet.contracts.reference.BrowserType;
import dev.browserfleet.contracts.reference.SeedBrowserTypes;
import org.junit.jupiter.api.Test;

class TopicSerdeTest {

  @Test
  void aTopicsValuesRoundTripAsJson() {
    var serde = TopicSerde.values(Topics.BROWSER_TYPES);
    BrowserType chromium = SeedBrowserTypes.all().getFirst();
    byte[] json = serde.serializer().serialize("t", chromium);
    assertThat(new String(json)).startsWith("{\"id\":1,");
    assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(chromium);
  }

  @Test
  void deadLetterBytesPassThroughUntouched() {
    byte[] garbage = {0x7b, 0x00, (byte) 0xff};
    var serde = TopicSerde.values(Topics.DEAD_LETTERS);
    assertThat(serde.serializer().serialize("t", garbage)).isEqualTo(garbage);
    assertThat(TopicSerde.deserializer(byte[].class).deserialize("t", garbage)).isEqualTo(garbage);
    assertThat(TopicSerde.<byte[]>serializer().serialize("t", garbage)).isEqualTo(garbage);
  }

  @Test
  void unreadableBytesSayWhy() {
    assertThatThrownBy(() -> TopicSerde.deserializer(BrowserType.class).deserialize("t", "{oops".getBytes()))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("BrowserType");
  }
}
