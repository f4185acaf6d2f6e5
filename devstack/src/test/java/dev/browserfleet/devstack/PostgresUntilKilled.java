package dev.browserfleet.devstack;

import dev.browserfleet.reaper.Reaper;
import java.nio.file.Path;

/**
 * A JVM that starts the embedded PostgreSQL on the data directory given, as the dev launcher does,
 * prints the server's and its reaper's pids, then {@code ready}, and waits to be killed.
 */
public final class PostgresUntilKilled {

  private PostgresUntilKilled() {}

  public static void main(String[] args) throws Exception {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0);
    System.out.println("postmaster " + server.postmaster().pid());
    System.out.println("reaper " + Reaper.ofThisJvm().pid());
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
