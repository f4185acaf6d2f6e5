package dev.browserfleet.worker.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Scripts that run in pages, kept as resource files beside the class that runs them. */
public final class PageScripts {

  private PageScripts() {}

  /** The text of the resource {@code name} next to {@code owner}; read once, by a constant. */
  public static String load(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
