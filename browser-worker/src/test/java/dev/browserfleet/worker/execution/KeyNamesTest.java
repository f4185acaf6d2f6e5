package dev.browserfleet.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.worker.engine.Key;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyNamesTest {

  @Test
  void aSingleCharacterIsThatKey() {
    assertThat(KeyNames.parse("a")).contains(new KeyNames.Chord(List.of(), "a"));
  }

  @Test
  void namedKeysAreReadWhateverTheirCase() {
    assertThat(KeyNames.parse("Enter")).contains(new KeyNames.Chord(List.of(), Key.ENTER));
    assertThat(KeyNames.parse("arrowdown")).contains(new KeyNames.Chord(List.of(), Key.ARROW_DOWN));
  }

  @Test
  void modifiersComeBeforeTheKeyJoinedByPlus() {
    assertThat(KeyNames.parse("Control+Shift+ArrowLeft"))
        .contains(new KeyNames.Chord(List.of(Key.CONTROL, Key.SHIFT), Key.ARROW_LEFT));
  }

  @Test
  void thePlusKeyItselfCanBePressed() {
    assertThat(KeyNames.parse("+")).contains(new KeyNames.Chord(List.of(), "+"));
    assertThat(KeyNames.parse("Shift++")).contains(new KeyNames.Chord(List.of(Key.SHIFT), "+"));
  }

  @Test
  void unknownNamesAreNotKeys() {
    assertThat(KeyNames.parse("Hyper")).isEmpty();
    assertThat(KeyNames.parse("Banana+a")).isEmpty();
    assertThat(KeyNames.parse("")).isEmpty();
    assertThat(KeyNames.parse(null)).isEmpty();
  }
}
