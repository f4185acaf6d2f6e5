package dev.browserfleet.devstack;

import java.nio.file.Path;

/** A JVM that starts PostgreSQL on a data directory and waits to be killed (for the restart test). */
public final class PostgresHolder {

  private PostgresHolder() {}

  public static void main(String[] args) throws InterruptedException {
    var server = EmbeddedPostgresServer.start(Path.of(args[0]), 0);
    System.out.println("ready " + server.port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
