package dev.browserfleet.projector.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GrafanaMacrosTest {

  private final GrafanaMacros macros = new GrafanaMacros(
      Instant.parse("2026-12-07T08:00:00Z"), Instant.parse("2026-12-07T14:00:00Z"), Duration.ofMinutes(5));

  @Test
  void aTimeFilterBecomesABetweenOfUtcLiterals() {
    assertThat(macros.expand("WHERE $__timeFilter(j.created_at) AND x"))
        .isEqualTo("WHERE j.created_at BETWEEN '2026-12-07T08:00:00Z' AND '2026-12-07T14:00:00Z' AND x");
  }

  @Test
  void theRangesEndsAreLiterals() {
    assertThat(macros.expand("$__timeFrom() .. $__timeTo()")).isEqualTo("'2026-12-07T08:00:00Z' .. '2026-12-07T14:00:00Z'");
  }

  @Test
  void aTimeGroupFloorsTheEpochToTheIntervalAndTheAliasNamesItTime() {
    assertThat(macros.expand("SELECT $__timeGroupAlias(created_at, $__interval), n"))
        .isEqualTo("SELECT floor(extract(epoch from created_at)/300)*300 AS \"time\", n");
    assertThat(macros.expand("$__timeGroup(completed_at, '1h', 0)")).isEqualTo("floor(extract(epoch from completed_at)/3600)*3600");
  }

  @Test
  void theIntervalIsWrittenAsGrafanaWritesIt() {
    assertThat(macros.expand("'$__interval' $__interval_ms")).isEqualTo("'5m' 300000");
    assertThat(GrafanaMacros.grafanaInterval(Duration.ofSeconds(30))).isEqualTo("30s");
    assertThat(GrafanaMacros.grafanaInterval(Duration.ofHours(2))).isEqualTo("2h");
  }

  @Test
  void anUnknownMacroOrAWrongArgumentCountIsRefused() {
    assertThatThrownBy(() -> macros.expand("WHERE $__unixEpochFilter(t)")).hasMessageContaining("$__unixEpochFilter");
    assertThatThrownBy(() -> macros.expand("WHERE $__timeFilter(a, b)")).hasMessageContaining("timeFilter");
    assertThatThrownBy(() -> macros.expand("$__timeGroup(a, 'often')")).hasMessageContaining("not a Grafana interval");
  }
}
