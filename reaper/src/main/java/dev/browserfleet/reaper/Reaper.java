package dev.browserfleet.reaper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure that no process and no temp directory a JVM started outlives it, however it ends: a
 * normal exit, a crash, or a SIGKILL of the JVM alone (as the kernel's OOM killer sends it), which
 * no shutdown hook sees.
 *
 * <p>The reaper is a small {@code /bin/sh} process ({@code reaper.sh}), one per JVM, whose stdin is
 * a pipe that only the JVM writes to. The kernel closes that pipe when the JVM ends, for whatever
 * reason; the reaper then reads the end of its input, stops every process carrying this JVM's
 * {@link OwnerMark} in its environment (and every process {@linkplain #adopt adopted}), first with
 * SIGTERM, after a grace with SIGKILL, until none is left, and removes this JVM's directories. A
 * parent-death signal ({@code PR_SET_PDEATHSIG}) would not do: it fires when the <em>thread</em>
 * that started the child ends, and it does not reach the browsers a driver starts.
 *
 * <p>A launcher opts in by starting its processes through {@link #enlist} (or with {@link
 * #environment} in their environment), by putting their files under {@link #newDirectory}, and, for
 * a process that a library starts out of its reach, by calling {@link #adopt}.
 */
public final class Reaper {

  private static final Logger log = LoggerFactory.getLogger(Reaper.class);

  /**
   * How long the processes have, after SIGTERM, before they are killed. Browsers and drivers go in
   * well under a second; PostgreSQL's shutdown checkpoint may take longer on a busy machine, and a
   * server killed in it leaves a lock file that a zombie's pid keeps valid where nothing reaps.
   */
  static final Duration GRACE = Duration.ofSeconds(5);
  private static final String SCRIPT = script();

  private static Reaper ofThisJvm;

  private final OwnerMark owner;
  private final Duration grace;
  /** Everything the reaper was told, for a replacement to be told again. */
  private final List<Instruction> given = new ArrayList<>();
  private final Map<Path, Path> roots = new HashMap<>();
  private long directories;
  private Process process;
  private Writer input;
  private boolean closed;

  private Reaper(OwnerMark owner, Duration grace) {
    this.owner = owner;
    this.grace = grace;
  }

  /**
   * The reaper of this JVM, started on the first call. One per JVM, by its nature: it watches the
   * JVM itself, and the mark it looks for is the JVM's.
   */
  public static synchronized Reaper ofThisJvm() {
    if (ofThisJvm == null) {
      ProcessHandle jvm = ProcessHandle.current();
      Instant start = jvm.info().startInstant().orElseGet(Instant::now);
      ofThisJvm = start(OwnerMark.of(jvm.pid(), start), GRACE);
    }
    return ofThisJvm;
  }

  /** A reaper of its own, for tests: {@link #close} stands for the JVM's end. */
  static Reaper start(OwnerMark owner, Duration grace) {
    var reaper = new Reaper(owner, grace);
    synchronized (reaper) {
      reaper.ensureRunning();
    }
    return reaper;
  }

  /** The mark of the processes this reaper stops. */
  public OwnerMark owner() {
    return owner;
  }

  /** The environment entries that make a process, and all it starts, this JVM's. */
  public synchronized Map<String, String> environment() {
    ensureRunning();
    return owner.environment();
  }

  /** Puts this JVM's mark in the environment of the processes {@code builder} starts; returns {@code builder}. */
  public ProcessBuilder enlist(ProcessBuilder builder) {
    builder.environment().putAll(environment());
    return builder;
  }

  /**
   * Creates a new, empty directory {@code <base>/bf-<owner>/<name>-<n>}. The owner's directory
   * under {@code base} is removed when the JVM is gone; remove the new one sooner when done.
   */
  public synchronized Path newDirectory(Path base, String name) throws IOException {
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("not a plain directory name: " + name);
    }
    Path root = roots.get(base);
    if (root == null) {
      root = base.toAbsolutePath().normalize().resolve("bf-" + owner.value());
      // Told before it exists: there is no moment when it exists and would be left behind.
      tell(Instruction.removeDirectory(root));
      roots.put(base, root);
    }
    // Again each time: whoever made the base may have emptied it.
    Files.createDirectories(root);
    while (true) {
      try {
        return Files.createDirectory(root.resolve(name + "-" + ++directories));
      } catch (FileAlreadyExistsException taken) {
        // left by an earlier JVM that had this pid and start time: impossible, or nearly
      }
    }
  }

  /**
   * Stops {@code process} when this JVM is gone, like the marked ones: for a process that was not
   * started through {@link #enlist} (a library started it, or it has detached from its starter).
   * What it started in turn is left to it.
   */
  public synchronized void adopt(ProcessHandle process) {
    ProcStat stat;
    try {
      stat = ProcStat.parse(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat")));
    } catch (IOException e) {
      throw new UncheckedIOException("process " + process.pid() + " cannot be adopted: it is gone", e);
    }
    tell(Instruction.adopt(process.pid(), stat.startTicks()));
  }

  /** The pid of the reaper process, which lives as long as the JVM and is no browser's. */
  public synchronized long pid() {
    ensureRunning();
    return process.pid();
  }

  /**
   * The running processes that carry {@code mark}: those its reaper stops when their JVM is gone.
   * A zombie's environment reads empty, so zombies are not among them.
   */
  public static List<ProcessHandle> processesMarked(OwnerMark mark) {
    byte[] entry = (mark.entry() + "\0").getBytes(StandardCharsets.UTF_8);
    try (var pids = Files.list(Path.of("/proc"))) {
      return pids.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> carries(p.resolve("environ"), entry))
          .flatMap(p -> ProcessHandle.of(Long.parseLong(p.getFileName().toString())).stream())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list /proc", e);
    }
  }

  private static boolean carries(Path environ, byte[] entry) {
    try {
      byte[] all = Files.readAllBytes(environ);
      // Entries are NUL-terminated: one starts at 0 or right after a NUL.
      for (int start = 0; start + entry.length <= all.length; start++) {
        if ((start == 0 || all[start - 1] == 0) && Arrays.equals(all, start, start + entry.length, entry, 0, entry.length)) {
          return true;
        }
      }
      return false;
    } catch (IOException | SecurityException gone) {
      return false; // ended meanwhile, or not ours to read
    }
  }

  /** Ends the input of the reaper, as the JVM's end would: it stops and removes all it was told of, then exits. */
  synchronized void close() throws IOException {
    closed = true;
    if (input != null) {
      input.close();
    }
  }

  synchronized void tell(Instruction instruction) {
    given.add(instruction);
    ensureRunning();
    try {
      write(instruction);
    } catch (IOException e) {
      // It died between the check and the write: a replacement is told everything, this included.
      startAnother();
    }
  }

  private void ensureRunning() {
    if (closed) {
      throw new IllegalStateException("the reaper of " + owner.value() + " was closed");
    }
    if (process == null) {
      start();
    } else if (!process.isAlive()) {
      startAnother();
    }
  }

  private void startAnother() {
    log.warn("The reaper process {} of this JVM ended (killed?); starting another", process.pid());
    process.destroyForcibly();
    start();
  }

  private void start() {
    try {
      var builder = new ProcessBuilder("/bin/sh", "-c", SCRIPT, "browserfleet-reaper", owner.value(),
          Long.toString(Math.max(1, grace.toMillis() / 100)))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.INHERIT);
      // Not the JVM's own, should it have been started marked by another JVM: the reaper must not kill itself.
      builder.environment().remove(OwnerMark.VARIABLE);
      process = builder.start();
      input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      for (Instruction instruction : given) {
        write(instruction);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the reaper process (/bin/sh) of this JVM", e);
    }
  }

  private void write(Instruction instruction) throws IOException {
    input.write(instruction.line());
    input.write('\n');
    input.flush();
  }

  private static String script() {
    try (InputStream in = Reaper.class.getResourceAsStream("reaper.sh")) {
      if (in == null) {
        throw new IllegalStateException("reaper.sh is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
