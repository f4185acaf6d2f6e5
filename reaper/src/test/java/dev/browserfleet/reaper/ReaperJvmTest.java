package dev.browserfleet.reaper;

import static dev.browserfleet.reaper.TestProcesses.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reaper of a real JVM, started by {@link Reaper#ofThisJvm()}, when that JVM ends. */
class ReaperJvmTest {

  private static final Duration FEW_SECONDS = Duration.ofSeconds(10);

  @TempDir Path base;

  @Test
  void aJvmKilledWithSigkillAloneLeavesNoProcessAndNoDirectory() throws Exception {
    assertNothingLeftWhenTheJvmEnds("wait", jvm -> jvm.handle().destroyForcibly());
  }

  @Test
  void aJvmThatExitsWithoutStoppingItsProcessesLeavesNoneEither() throws Exception {
    assertNothingLeftWhenTheJvmEnds("exit", jvm -> { });
  }

  private void assertNothingLeftWhenTheJvmEnds(String mode, java.util.function.Consumer<ChildJvm> end) throws Exception {
    Path sessions = Files.createDirectory(base.resolve("sessions"));
    ChildJvm jvm = ChildJvm.start(OwnerJvm.class, base.resolve("out.txt"), sessions.toString(), mode);
    var processes = new ArrayList<ProcessHandle>();
    try {
      jvm.awaitReady(Duration.ofSeconds(60));
      var mark = new OwnerMark(jvm.said("mark").getFirst());
      jvm.said("pids").forEach(pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(processes::add));
      ProcessHandle.of(Long.parseLong(jvm.said("reaper").getFirst())).ifPresent(processes::add);
      assertThat(processes).as("two processes and the reaper").hasSize(3);

      end.accept(jvm);

      await().atMost(FEW_SECONDS).untilAsserted(() -> {
        assertThat(jvm.handle().isAlive()).as("the JVM").isFalse();
        assertThat(running(processes)).as("processes of the JVM, its reaper included").isEmpty();
        assertThat(Reaper.processesMarked(mark)).as("processes carrying its mark").isEmpty();
        try (Stream<Path> left = Files.list(sessions)) {
          assertThat(left).as("what it left under its temp base").isEmpty();
        }
      });
    } finally {
      jvm.handle().destroyForcibly();
      TestProcesses.kill(processes);
    }
  }
}
