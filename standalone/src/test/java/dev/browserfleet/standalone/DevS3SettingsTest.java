package dev.browserfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DevS3SettingsTest {

  @Test
  void s3WithoutAnEndpointMeansTheLauncherStartsItsOwnOnPort9000() {
    var s3 = DevSettings.from(Map.of("BF_ARTIFACT_STORE", "s3")).s3();

    assertThat(s3.embedded()).isTrue();
    assertThat(s3.port()).isEqualTo(9000);
    assertThat(s3.bucket()).isEqualTo("browserfleet");
    assertThat(s3.accessKey()).isEqualTo("browserfleet");
    assertThat(s3.secretKey()).isEmpty();
  }

  @Test
  void s3WithAnEndpointUsesThatStoreAndTheDefaultIsTheDirectory() {
    var given = DevSettings.from(Map.of("BF_ARTIFACT_STORE", "s3", "BF_S3_ENDPOINT", "http://127.0.0.1:9911",
        "BF_S3_PORT", "9912", "BF_S3_SECRET_KEY", "s3cr3t")).s3();

    assertThat(given.embedded()).isFalse();
    assertThat(given.endpoint()).contains("http://127.0.0.1:9911");
    assertThat(given.secretKey()).isEqualTo(Optional.of("s3cr3t"));
    assertThat(given.toString()).doesNotContain("s3cr3t");
    assertThat(DevSettings.from(Map.of()).s3().enabled()).isFalse();
    assertThat(DevSettings.from(Map.of()).s3().embedded()).isFalse();
  }
}
