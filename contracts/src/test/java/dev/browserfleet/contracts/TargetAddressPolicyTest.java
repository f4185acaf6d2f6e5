package dev.browserfleet.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetAddressPolicyTest {

  /** A fixed DNS, so the tests need no network. */
  private static final Map<String, String> DNS = Map.of(
      "example.com", "93.184.215.14",
      "rebind.example", "169.254.169.254",
      "intranet.example", "10.1.2.3",
      "localhost", "127.0.0.1");

  private static final TargetAddressPolicy.Resolver RESOLVER = host -> {
    String ip = DNS.get(host);
    if (ip != null) {
      return List.of(InetAddress.getByName(ip));
    }
    if (host.matches("[0-9a-f.:]+")) {
      return List.of(InetAddress.getByName(host));
    }
    throw new UnknownHostException(host);
  };

  private final TargetAddressPolicy strict = new TargetAddressPolicy(false, RESOLVER);
  private final TargetAddressPolicy dev = new TargetAddressPolicy(true, RESOLVER);

  @Test
  void everyUrlAJobWillOpenIsCheckedAndNamedByItsField() {
    var actions = List.<dev.browserfleet.contracts.action.Action>of(
        new dev.browserfleet.contracts.action.Wait(10),
        new dev.browserfleet.contracts.action.Navigate("https://example.com/ok", null, null),
        new dev.browserfleet.contracts.action.Navigate("http://169.254.169.254/", null, null));
    assertThat(strict.violations("http://intranet.example/", actions))
        .extracting(FieldError::field)
        .containsExactly("targetUrl", "actions[2].url");
    assertThat(strict.violations("https://example.com/", actions).getFirst().message())
        .startsWith("http://169.254.169.254/ ").contains("link-local");
    assertThat(strict.violations("https://example.com/", List.of())).isEmpty();
  }

  @Test
  void publicHttpAndHttpsTargetsAreAllowed() {
    assertThat(strict.violation("https://example.com/path?q=1")).isEmpty();
    assertThat(strict.violation("http://example.com:8080/")).isEmpty();
  }

  @Test
  void onlyHttpAndHttpsAreAccepted() {
    assertThat(strict.violation("file:///etc/passwd")).hasValueSatisfying(r -> assertThat(r).contains("http or https"));
    assertThat(dev.violation("javascript:alert(1)")).hasValueSatisfying(r -> assertThat(r).contains("http or https"));
    assertThat(dev.violation("ftp://example.com/")).isPresent();
  }

  @Test
  void metadataAndLinkLocalAddressesAreDeniedEvenWhenPrivateTargetsAreAllowed() {
    assertThat(dev.violation("http://169.254.169.254/latest/meta-data/")).hasValueSatisfying(r -> assertThat(r).contains("link-local"));
    assertThat(dev.violation("http://[fe80::1]/")).isPresent();
    assertThat(dev.violation("http://[fd00:ec2::254]/")).isPresent();
    assertThat(dev.violation("http://100.100.100.200/")).isPresent();
    assertThat(dev.violation("http://metadata.google.internal/computeMetadata/v1/")).hasValueSatisfying(r -> assertThat(r).contains("metadata"));
  }

  @Test
  void aNameThatResolvesToAMetadataAddressIsDeniedAfterResolution() {
    assertThat(dev.violation("http://rebind.example/")).hasValueSatisfying(r -> assertThat(r).contains("169.254.169.254"));
  }

  @Test
  void privateAndLoopbackTargetsNeedTheSwitch() {
    assertThat(strict.violation("http://localhost:8080/")).hasValueSatisfying(r -> assertThat(r).contains("BF_ALLOW_PRIVATE_TARGETS"));
    assertThat(strict.violation("http://intranet.example/")).isPresent();
    assertThat(strict.violation("http://[::1]/")).isPresent();
    assertThat(strict.violation("http://[::ffff:10.0.0.1]/")).isPresent();
    assertThat(dev.violation("http://localhost:8080/")).isEmpty();
    assertThat(dev.violation("http://intranet.example/")).isEmpty();
  }

  @Test
  void malformedUrlsAreRefusedWithAReasonButUnresolvableHostsAreLeftToTheBrowser() {
    assertThat(strict.violation("https://no-such-host.invalid/")).isEmpty();
    assertThat(strict.violation("http://exa mple.com/")).hasValueSatisfying(r -> assertThat(r).contains("not a valid URL"));
    assertThat(strict.violation("https:///nohost")).isPresent();
  }
}
