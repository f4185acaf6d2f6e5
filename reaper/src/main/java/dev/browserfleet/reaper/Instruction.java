package dev.browserfleet.reaper;

import java.nio.file.Path;

/** A line the JVM writes to its reaper; {@code reaper.sh} reads them. */
record Instruction(String line) {

  /** Remove {@code directory} and everything in it once the JVM is gone. */
  static Instruction removeDirectory(Path directory) {
    String path = directory.toString();
    if (!directory.isAbsolute() || path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("the reaper takes absolute paths on one line: " + path);
    }
    return new Instruction("dir " + path);
  }

  /** Stop process {@code pid}, if it is still the one that started at {@code startTicks}, once the JVM is gone. */
  static Instruction adopt(long pid, long startTicks) {
    return new Instruction("adopt " + pid + ":" + startTicks);
  }
}
