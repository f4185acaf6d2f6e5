package dev.browserfleet.worker.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserfleet.artifacts.DirectoryArtifactStore;
import dev.browserfleet.contracts.ArtifactType;
import dev.browserfleet.contracts.JobId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredArtifactsTest {

  @TempDir Path root;

  @Test
  void anArtifactIsKeyedByJobAndIdWithItsSizeAndSha256() throws Exception {
    var store = new StoredArtifacts(new DirectoryArtifactStore(root));
    JobId job = JobId.random();
    byte[] bytes = "abc".getBytes(StandardCharsets.UTF_8);

    var artifact = store.store(job, ArtifactType.SCREENSHOT, "png", "image/png", bytes, 3);

    assertThat(artifact.path()).isEqualTo(job + "/" + artifact.id() + ".png");
    assertThat(Files.readAllBytes(root.resolve(artifact.path()))).isEqualTo(bytes);
    assertThat(artifact.sizeBytes()).isEqualTo(3);
    // SHA-256("abc"), from FIPS 180-2
    assertThat(artifact.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(artifact.mimeType()).isEqualTo("image/png");
    assertThat(artifact.artifactType()).isEqualTo(ArtifactType.SCREENSHOT);
    assertThat(artifact.actionIndex()).isEqualTo(3);
  }

  @Test
  void anExtensionThatIsNotPlainIsRefused() {
    var store = new StoredArtifacts(new DirectoryArtifactStore(root));

    assertThatThrownBy(() -> store.store(JobId.random(), ArtifactType.SCREENSHOT, "../png", "image/png", new byte[1], null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
