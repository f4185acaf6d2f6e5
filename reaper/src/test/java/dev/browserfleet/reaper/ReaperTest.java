package dev.browserfleet.reaper;

import static dev.browserfleet.reaper.TestProcesses.isGone;
import static dev.browserfleet.reaper.TestProcesses.orphan;
import static dev.browserfleet.reaper.TestProcesses.running;
import static dev.browserfleet.reaper.TestProcesses.sleeper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reaper script against real processes, with a reaper of the test's own whose {@code close()}
 * stands for its JVM's end (the kernel closes the pipe the same way).
 */
class ReaperTest {

  private static final Duration GRACE = Duration.ofMillis(500);
  private static final Duration FEW_SECONDS = Duration.ofSeconds(10);

  @TempDir Path base;

  private OwnerMark mark;
  private Reaper reaper;
  private final List<ProcessHandle> started = new ArrayList<>();

  @BeforeEach
  void startAReaper() {
    // Another mark than this JVM's own: the test's processes are the test reaper's only.
    mark = OwnerMark.of(ProcessHandle.current().pid(), Instant.ofEpochMilli(ThreadLocalRandom.current().nextLong(1L << 40)));
    reaper = Reaper.start(mark, GRACE);
  }

  @AfterEach
  void killWhatIsLeft() throws IOException {
    TestProcesses.kill(started);
    reaper.close();
  }

  @Test
  void everyMarkedProcessStopsAndEveryDirectoryGoesWhenItsInputEnds() throws Exception {
    var marked = List.of(
        track(sleeper(reaper.environment())),
        track(orphan(reaper.environment(), "")),
        track(reaper.enlist(new ProcessBuilder("sleep", "600")).start().toHandle()));
    Path directory = reaper.newDirectory(base, "session");
    Files.writeString(directory.resolve("file"), "x");
    Path otherBase = Files.createDirectory(base.resolve("other"));
    Path another = reaper.newDirectory(otherBase, "profile");
    long reaperPid = reaper.pid();

    assertThat(directory).isEqualTo(base.resolve("bf-" + mark.value()).resolve("session-1"));
    assertThat(Reaper.processesMarked(mark)).extracting(ProcessHandle::pid)
        .containsExactlyInAnyOrderElementsOf(marked.stream().map(ProcessHandle::pid).toList());

    reaper.close();

    await().atMost(FEW_SECONDS).untilAsserted(() -> {
      assertThat(running(marked)).as("marked processes still running").isEmpty();
      assertThat(base.resolve("bf-" + mark.value())).as("the owner's directory").doesNotExist();
      assertThat(otherBase.resolve("bf-" + mark.value())).as("the owner's directory in another base").doesNotExist();
      assertThat(ProcessHandle.of(reaperPid)).as("the reaper, done").isEmpty();
    });
    assertThat(another).doesNotExist();
    assertThat(otherBase).as("the base itself is not the owner's").exists();
  }

  @Test
  void aProcessBelowAMarkedOneStopsThoughItRunsWithAnEmptiedEnvironment() throws Exception {
    // As Chromium's zygote starts its renderers and services: not marked, but the owner's.
    var builder = new ProcessBuilder("/bin/sh", "-c", "env -i sleep 600 & echo $!; wait");
    builder.environment().putAll(reaper.environment());
    Process parent = builder.start();
    ProcessHandle shell = track(parent.toHandle());
    String childPid = new java.io.BufferedReader(new java.io.InputStreamReader(parent.getInputStream())).readLine().strip();
    ProcessHandle child = track(ProcessHandle.of(Long.parseLong(childPid)).orElseThrow());
    // Until the child has become `sleep` (through `env -i`), it is a fork of the shell, marked as it is.
    await().atMost(FEW_SECONDS).untilAsserted(() ->
        assertThat(Reaper.processesMarked(mark)).extracting(ProcessHandle::pid).containsExactly(shell.pid()));

    reaper.close();

    await().atMost(FEW_SECONDS).untilAsserted(() ->
        assertThat(running(List.of(shell, child))).as("the marked shell and its unmarked child").isEmpty());
  }

  @Test
  void processesOfOtherOwnersAndUnmarkedOnesAreLeftAlone() throws Exception {
    ProcessHandle ours = track(sleeper(reaper.environment()));
    // Its mark starts with ours: only a whole entry may match.
    ProcessHandle longerMark = track(sleeper(Map.of(OwnerMark.VARIABLE, mark.value() + "0")));
    ProcessHandle otherOwner = track(sleeper(OwnerMark.of(1, Instant.EPOCH).environment()));
    ProcessHandle unmarked = track(sleeper(Map.of()));
    ProcessHandle markInAnotherVariable = track(sleeper(Map.of("NOT_" + OwnerMark.VARIABLE, mark.value())));

    reaper.close();

    await().atMost(FEW_SECONDS).until(() -> isGone(ours));
    assertThat(running(List.of(longerMark, otherOwner, unmarked, markInAnotherVariable))).hasSize(4);
  }

  @Test
  void aProcessThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
    ProcessHandle stubborn = track(orphan(reaper.environment(), "trap '' TERM;"));

    reaper.close();

    await().atMost(FEW_SECONDS).until(() -> isGone(stubborn));
  }

  @Test
  void anAdoptedProcessStopsThoughItCarriesNoMarkUnlessItsPidWasGivenToAnother() throws Exception {
    ProcessHandle adopted = track(sleeper(Map.of()));
    ProcessHandle reused = track(sleeper(Map.of()));
    reaper.adopt(adopted);
    long startTicks = ProcStat.parse(Files.readString(Path.of("/proc", Long.toString(reused.pid()), "stat"))).startTicks();
    // As if the adopted process had ended and a later one been given its pid.
    reaper.tell(Instruction.adopt(reused.pid(), startTicks - 1));

    reaper.close();

    await().atMost(FEW_SECONDS).until(() -> isGone(adopted));
    assertThat(running(List.of(reused))).hasSize(1);
  }

  @Test
  void aReaperThatWasKilledIsReplacedAndToldEverythingAgain() throws Exception {
    Path directory = reaper.newDirectory(base, "session");
    ProcessHandle adopted = track(sleeper(Map.of()));
    reaper.adopt(adopted);
    ProcessHandle first = ProcessHandle.of(reaper.pid()).orElseThrow();
    first.destroyForcibly();
    await().atMost(FEW_SECONDS).until(() -> isGone(first));

    ProcessHandle marked = track(sleeper(reaper.environment()));
    assertThat(reaper.pid()).as("a new reaper").isNotEqualTo(first.pid());
    reaper.close();

    await().atMost(FEW_SECONDS).untilAsserted(() -> {
      assertThat(running(List.of(marked, adopted))).isEmpty();
      assertThat(directory.getParent()).doesNotExist();
    });
  }

  @Test
  void signalsSentToTheJvmsProcessGroupDoNotEndTheReaper() throws Exception {
    ProcessHandle marked = track(sleeper(reaper.environment()));
    Path directory = reaper.newDirectory(base, "session");
    long pid = reaper.pid();
    for (String signal : List.of("INT", "TERM", "HUP", "QUIT")) {
      TestProcesses.signal(pid, signal);
    }

    reaper.close();

    // Only a reaper that outlived the signals does its work.
    await().atMost(FEW_SECONDS).untilAsserted(() -> {
      assertThat(running(List.of(marked))).isEmpty();
      assertThat(directory).doesNotExist();
    });
  }

  private ProcessHandle track(ProcessHandle process) {
    started.add(process);
    return process;
  }
}
