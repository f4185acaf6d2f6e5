package dev.browserfleet.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {

  @TempDir Path dir;

  @Test
  void aFileInsideTheDirectoryIsFoundByItsRelativePath() throws IOException {
    Path root = Files.createDirectories(dir.resolve("artifacts"));
    Path file = Files.createDirectories(root.resolve("jobs/1")).resolve("a.png");
    Files.writeString(file, "png");

    assertThat(new ArtifactStore(root).locate("jobs/1/a.png")).contains(file.toRealPath());
    assertThat(new ArtifactStore(root).locate("jobs/1/../1/a.png")).contains(file.toRealPath());
  }

  @Test
  void pathsThatLeaveTheDirectoryAreTreatedAsMissing() throws IOException {
    Path root = Files.createDirectories(dir.resolve("artifacts"));
    Path secret = Files.writeString(dir.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(root.resolve("link.txt"), secret);
    var store = new ArtifactStore(root);

    assertThat(store.locate("../secret.txt")).isEmpty();
    assertThat(store.locate(secret.toString())).isEmpty();
    assertThat(store.locate("link.txt")).isEmpty();
  }

  @Test
  void directoriesBlankAndMissingPathsAreMissing() throws IOException {
    Path root = Files.createDirectories(dir.resolve("artifacts"));
    Files.createDirectories(root.resolve("jobs"));
    var store = new ArtifactStore(root);

    assertThat(store.locate("jobs")).isEmpty();
    assertThat(store.locate("")).isEmpty();
    assertThat(store.locate(null)).isEmpty();
    assertThat(store.locate("jobs/none.png")).isEmpty();
    assertThat(store.locate("bad\u0000name")).isEmpty();
  }
}
