package dev.browserfleet.reaper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A JVM that starts processes and a directory through its reaper, prints them, then exits at once
 * (leaving them, as a JVM whose shutdown did not get to them) or waits to be killed.
 * Arguments: the temp base, then {@code exit} or {@code wait}.
 */
public final class OwnerJvm {

  private OwnerJvm() {}

  public static void main(String[] args) throws Exception {
    Path base = Path.of(args[0]);
    Reaper reaper = Reaper.ofThisJvm();
    Map<String, String> marked = reaper.environment();
    ProcessHandle child = TestProcesses.sleeper(marked);
    ProcessHandle orphan = TestProcesses.orphan(marked, "");
    Path directory = reaper.newDirectory(base, "session");
    Files.writeString(directory.resolve("file"), "x");
    System.out.println("mark " + reaper.owner().value());
    System.out.println("reaper " + reaper.pid());
    System.out.println("pids " + child.pid() + " " + orphan.pid());
    System.out.println("ready");
    System.out.flush();
    if (args[1].equals("exit")) {
      System.exit(0);
    }
    Thread.sleep(Long.MAX_VALUE);
  }
}
