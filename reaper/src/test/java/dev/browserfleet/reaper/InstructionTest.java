package dev.browserfleet.reaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InstructionTest {

  @Test
  void eachInstructionIsOneLineTheScriptReads() {
    assertThat(Instruction.removeDirectory(Path.of("/tmp/bf-1-a")).line()).isEqualTo("dir /tmp/bf-1-a");
    assertThat(Instruction.adopt(4321, 67498).line()).isEqualTo("adopt 4321:67498");
  }

  @Test
  void aDirectoryMustBeAbsoluteAndOnOneLine() {
    assertThatThrownBy(() -> Instruction.removeDirectory(Path.of("relative"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Instruction.removeDirectory(Path.of("/tmp/a\ndir /"))).isInstanceOf(IllegalArgumentException.class);
  }
}
