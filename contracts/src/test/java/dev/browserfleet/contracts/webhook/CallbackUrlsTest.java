package dev.browserfleet.contracts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallbackUrlsTest {

  private static final TargetAddressPolicy.Resolver DNS = host -> List.of(InetAddress.getByName(
      host.equals("hooks.example.com") ? "93.184.215.14" : host.equals("sneaky.example.com") ? "169.254.169.254" : host));
  private static final TargetAddressPolicy PUBLIC_ONLY = new TargetAddressPolicy(false, DNS);
  private static final TargetAddressPolicy PRIVATE_ALLOWED = new TargetAddressPolicy(true, DNS);

  @Test
  void anHttpsCallbackOnAPublicAddressIsAccepted() {
    assertThat(CallbackUrls.violation("https://hooks.example.com/bf", PUBLIC_ONLY)).isEmpty();
  }

  @Test
  void plainHttpIsAcceptedOnlyWherePrivateTargetsAre() {
    assertThat(CallbackUrls.violation("http://hooks.example.com/bf", PUBLIC_ONLY)).hasValue("must be an https URL");
    assertThat(CallbackUrls.violation("http://127.0.0.1:8080/bf", PRIVATE_ALLOWED)).isEmpty();
  }

  @Test
  void aMetadataAddressIsRefusedEvenWherePrivateTargetsAreAllowed() {
    assertThat(CallbackUrls.violation("http://169.254.169.254/latest/meta-data", PRIVATE_ALLOWED))
        .hasValueSatisfying(why -> assertThat(why).contains("link-local or metadata"));
    assertThat(CallbackUrls.violation("https://sneaky.example.com/", PRIVATE_ALLOWED))
        .hasValueSatisfying(why -> assertThat(why).contains("169.254.169.254"));
  }

  @Test
  void credentialsInTheUrlAndOtherSchemesAreRefused() {
    assertThat(CallbackUrls.violation("https://user:pw@hooks.example.com/", PUBLIC_ONLY)).isPresent();
    assertThat(CallbackUrls.violation("ftp://hooks.example.com/", PRIVATE_ALLOWED)).isPresent();
  }
}
