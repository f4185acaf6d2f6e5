package dev.browserfleet.worker.execution;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserfleet.contracts.policy.TargetAddressPolicy;
import dev.browserfleet.contracts.policy.UrlPolicies;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.contracts.reference.UrlPolicyType;
import java.net.InetAddress;
import java.time.Instant;
import java.util.UUID;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the worker uses the target address policy; the policy itself is tested in contracts. */
class UrlGuardTest {

  // example.test resolves to a public address, intranet.test to a private one, metadata.test to 169.254.169.254.
  private static final TargetAddressPolicy.Resolver DNS = host -> switch (host) {
    case "example.test" -> List.of(InetAddress.getByName("93.184.215.14"));
    case "intranet.test" -> List.of(InetAddress.getByName("10.1.2.3"));
    case "metadata.test" -> List.of(InetAddress.getByName("169.254.169.254"));
    default -> List.of(InetAddress.getByName(host));
  };

  private final UrlGuard strict = new UrlGuard(new TargetAddressPolicy(false, DNS));
  private final UrlGuard permissive = new UrlGuard(new TargetAddressPolicy(true, DNS));

  @Test
  void aPublicHttpUrlPasses() {
    assertThatCode(() -> strict.check("targetUrl", "https://example.test/page")).doesNotThrowAnyException();
  }

  @Test
  void aPrivateAddressIsDeniedUnlessPrivateTargetsAreAllowed() {
    assertThatThrownBy(() -> strict.check("targetUrl", "http://intranet.test/"))
        .isInstanceOfSatisfying(StepException.class, e -> {
          org.assertj.core.api.Assertions.assertThat(e.kind()).isEqualTo(FailureKind.URL_POLICY);
          org.assertj.core.api.Assertions.assertThat(e.getMessage())
              .startsWith("targetUrl http://intranet.test/ is denied: it resolves to a private or loopback address");
        });
    assertThatCode(() -> permissive.check("targetUrl", "http://intranet.test/")).doesNotThrowAnyException();
  }

  @Test
  void aMetadataAddressIsDeniedEvenWhenPrivateTargetsAreAllowed() {
    assertThatThrownBy(() -> permissive.check("action 2/3 navigate", "http://metadata.test/latest"))
        .isInstanceOf(StepException.class)
        .hasMessageContaining("action 2/3 navigate http://metadata.test/latest is denied")
        .hasMessageContaining("link-local or metadata");
  }

  @Test
  void aPortBrowsersRefuseIsRefusedForGoodWithChromiumsNameForIt() {
    assertThatThrownBy(() -> permissive.check("targetUrl", "http://example.test:6000/x"))
        .isInstanceOfSatisfying(StepException.class, e -> {
          org.assertj.core.api.Assertions.assertThat(e.kind()).isEqualTo(FailureKind.NAVIGATION_REFUSED);
          org.assertj.core.api.Assertions.assertThat(e.getMessage())
              .isEqualTo("net::ERR_UNSAFE_PORT at http://example.test:6000/x: browsers refuse port 6000");
        });
    assertThatCode(() -> permissive.check("targetUrl", "http://example.test:8080/")).doesNotThrowAnyException();
    assertThatCode(() -> permissive.check("targetUrl", "https://example.test/")).doesNotThrowAnyException();
  }

  @Test
  void onlyHttpAndHttpsAreBrowsed() {
    assertThatThrownBy(() -> permissive.check("targetUrl", "file:///etc/passwd"))
        .isInstanceOf(StepException.class)
        .hasMessageContaining("must be an http or https URL");
  }

  @Test
  void aUrlPolicyDeniesANavigationOrARedirectNamingThePolicy() {
    Instant at = Instant.parse("2026-11-25T08:00:00Z");
    UUID policyId = UUID.randomUUID();
    var policies = UrlPolicies.of(List.of(
        new UrlPolicy(policyId, "https://example.test/admin/*", UrlPolicyType.BLACKLIST, null, true, at, at)));
    var guard = new UrlGuard(new TargetAddressPolicy(false, DNS), () -> policies);

    assertThatCode(() -> guard.check("targetUrl", "https://example.test/shop")).doesNotThrowAnyException();
    assertThatThrownBy(() -> guard.check("action 1/1 navigate redirected to", "https://example.test/admin/users"))
        .isInstanceOfSatisfying(StepException.class, e -> {
          org.assertj.core.api.Assertions.assertThat(e.kind()).isEqualTo(FailureKind.URL_POLICY);
          org.assertj.core.api.Assertions.assertThat(e.getMessage())
              .startsWith("action 1/1 navigate redirected to https://example.test/admin/users is denied")
              .contains(policyId.toString());
        });
  }

  @Test
  void everyConnectionIsCheckedAgainstTheAddressItGoesToAndNotTheUrlPolicies() throws Exception {
    Instant at = Instant.now();
    var denyAdmin = new UrlPolicy(UUID.randomUUID(), "example.test", UrlPolicyType.BLACKLIST, null, true, at, at);
    var guard = new UrlGuard(new TargetAddressPolicy(true, DNS), () -> UrlPolicies.of(List.of(denyAdmin))).navigationGuard();

    // A name that resolved to a public address for the navigation check, and to the metadata one
    // when the connection is made: the connection is refused.
    org.assertj.core.api.Assertions.assertThat(guard.connectionDenial("example.test", InetAddress.getByName("169.254.169.254")))
        .hasValueSatisfying(why -> org.assertj.core.api.Assertions.assertThat(why)
            .isEqualTo("a request to example.test is denied: it resolves to a link-local or metadata address,"
                + " which is never browsed: example.test (169.254.169.254)"));
    org.assertj.core.api.Assertions.assertThat(guard.connectionDenial("metadata.google.internal", InetAddress.getByName("10.0.0.1")))
        .as("a metadata name, wherever it points").isPresent();
    org.assertj.core.api.Assertions.assertThat(guard.connectionDenial("example.test", InetAddress.getByName("93.184.215.14")))
        .as("URL policies are about documents, which denial() checks").isEmpty();
    org.assertj.core.api.Assertions.assertThat(
            strict.navigationGuard().connectionDenial("intranet.test", InetAddress.getByName("10.1.2.3")))
        .as("private addresses unless allowed").isPresent();
  }
}
