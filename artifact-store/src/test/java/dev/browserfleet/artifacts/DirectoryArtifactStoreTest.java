package dev.browserfleet.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryArtifactStoreTest extends ArtifactStoreContract {

  @TempDir Path dir;
  private Path root;
  private DirectoryArtifactStore store;

  @BeforeEach
  void createStore() throws IOException {
    root = Files.createDirectories(dir.resolve("artifacts"));
    store = new DirectoryArtifactStore(root);
  }

  @Override
  ArtifactStore store() {
    return store;
  }

  @Test
  void anArtifactIsAFileAtItsKeyAndNoPartialFileIsLeftBehind() throws IOException {
    store.write("job-1/a.png", new ByteArrayInputStream(new byte[1000]), "image/png");
    store.write("job-1/b.png", new ByteArrayInputStream(new byte[10]), "image/png");

    assertThat(root.resolve("job-1/a.png")).hasSize(1000);
    try (Stream<Path> files = Files.list(root.resolve("job-1"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.png", "b.png");
    }
  }

  @Test
  void aSymbolicLinkOutOfTheDirectoryIsMissing() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(root.resolve("link.txt"), secret);

    assertThat(store.open("link.txt")).isEmpty();
  }

  @Test
  void deletingAJobsLastArtifactRemovesItsDirectory() throws IOException {
    store.write("job-2/a.png", new ByteArrayInputStream(new byte[1]), "image/png");

    store.delete("job-2/a.png");

    assertThat(root.resolve("job-2")).doesNotExist();
    assertThat(root).isDirectory();
  }

  @Test
  void aDirectoryHasNoPresignedUrls() {
    assertThat(store.presignedDownload("job/a.png", Duration.ofMinutes(1), "image/png", "attachment")).isEmpty();
  }
}
