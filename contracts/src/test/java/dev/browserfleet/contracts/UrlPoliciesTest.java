package dev.browserfleet.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.action.Navigate;
import dev.browserfleet.contracts.policy.UrlPatterns;
import dev.browserfleet.contracts.policy.UrlPolicies;
import dev.browserfleet.contracts.reference.UrlPolicy;
import dev.browserfleet.contracts.reference.UrlPolicyType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlPoliciesTest {

  @ParameterizedTest(name = "{0} vs {1} -> {2}")
  @CsvSource({
    "example.com, https://example.com/a, true",
    "example.com, https://EXAMPLE.com:8443/, true",
    "example.com, https://www.example.com/, false",
    "*.example.com, https://www.example.com/, true",
    "*.example.com, http://a.b.example.com/x?y=1, true",
    "*.example.com, https://example.com/, false",
    "*.example.com, https://evilexample.com/, false",
    "https://example.com/admin/*, https://example.com/admin/users, true",
    "https://example.com/admin/*, HTTPS://Example.com:443/admin/x, true",
    "https://example.com/admin/*, http://example.com/admin/users, false",
    "https://example.com/admin/*, https://example.com/Admin/users, false",
    "https://example.com/admin/*, https://example.com/public, false",
    "*://example.com/*, http://example.com/, true",
    "https://example.com/, https://example.com, true",
    "*, https://anything.example/, true"
  })
  void patternsMatchHostsAndUrlsAsDocumented(String pattern, String url, boolean matches) {
    assertThat(UrlPatterns.problem(pattern)).isEmpty();
    assertThat(UrlPatterns.matches(pattern, url)).isEqualTo(matches);
  }

  @Test
  void malformedPatternsAreExplained() {
    assertThat(UrlPatterns.problem("")).isPresent();
    assertThat(UrlPatterns.problem("ftp://example.com/*")).isPresent();
    assertThat(UrlPatterns.problem("exa mple.com")).isPresent();
    assertThat(UrlPatterns.problem("example.com/path")).isPresent();
    assertThat(UrlPatterns.problem("x".repeat(256))).isPresent();
  }

  @Test
  void aBlacklistDeniesWhatItMatchesAndNamesThePolicy() {
    UrlPolicy deny = policy("*.internal.example.com", UrlPolicyType.BLACKLIST, true);
    var policies = UrlPolicies.of(List.of(deny));

    assertThat(policies.violation("https://db.internal.example.com/")).get().asString().contains(deny.id().toString());
    assertThat(policies.violation("https://www.example.com/")).isEmpty();
  }

  @Test
  void anActiveWhitelistDeniesEverythingElseAndInactivePoliciesDoNothing() {
    var policies =
        UrlPolicies.of(
            List.of(
                policy("shop.example.com", UrlPolicyType.WHITELIST, true),
                policy("*", UrlPolicyType.BLACKLIST, false)));

    assertThat(policies.violation("https://shop.example.com/cart")).isEmpty();
    assertThat(policies.violation("https://other.example.com/")).get().asString().contains("whitelist");
  }

  @Test
  void aBlacklistWinsOverAWhitelist() {
    var policies =
        UrlPolicies.of(
            List.of(
                policy("*.example.com", UrlPolicyType.WHITELIST, true),
                policy("https://shop.example.com/admin/*", UrlPolicyType.BLACKLIST, true)));

    assertThat(policies.violation("https://shop.example.com/admin/users")).isPresent();
    assertThat(policies.violation("https://shop.example.com/cart")).isEmpty();
  }

  @Test
  void violationsNameTheTargetAndEachNavigation() {
    var policies = UrlPolicies.of(List.of(policy("blocked.example", UrlPolicyType.BLACKLIST, true)));

    var errors =
        policies.violations(
            "https://ok.example/", List.of(new Navigate("https://blocked.example/x", null, null), new Navigate("https://ok.example/", null, null)));

    assertThat(errors).extracting(FieldError::field).containsExactly("actions[0].url");
  }

  private static UrlPolicy policy(String pattern, UrlPolicyType type, boolean active) {
    Instant now = Instant.parse("2026-11-25T08:00:00Z");
    return new UrlPolicy(UUID.randomUUID(), pattern, type, null, active, now, now);
  }
}
