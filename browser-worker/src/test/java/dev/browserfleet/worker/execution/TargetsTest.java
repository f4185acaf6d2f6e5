package dev.browserfleet.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.FramePath;
import dev.browserfleet.contracts.action.TargetBy;
import org.junit.jupiter.api.Test;

class TargetsTest {

  @Test
  void eachStrategyBecomesAQueryOfThePage() {
    assertThat(Targets.query(click("#save", null))).isEqualTo(new Targets.Query("css", "#save", null));
    assertThat(Targets.query(click("//button", TargetBy.GET_BY_XPATH)).isXPath()).isTrue();
    assertThat(Targets.query(click("a\"b", TargetBy.GET_BY_TEST_ID))).isEqualTo(new Targets.Query("testid", "a\"b", null));
    assertThat(Targets.query(click(" Your name ", TargetBy.GET_BY_PLACEHOLDER)).value())
        .as("a placeholder is matched as given").isEqualTo(" Your name ");
    assertThat(Targets.query(click("  Sign up ", TargetBy.GET_BY_TEXT))).isEqualTo(new Targets.Query("text", "Sign up", null));
    assertThat(Targets.query(click(" Email ", TargetBy.GET_BY_LABEL))).isEqualTo(new Targets.Query("label", "Email", null));
  }

  @Test
  void aRoleMayCarryAName() {
    assertThat(Targets.role("Button")).isEqualTo(new Targets.Query("role", "button", null));
    assertThat(Targets.role("button[name=\"Save\"]")).isEqualTo(new Targets.Query("role", "button", "Save"));
    assertThat(Targets.role(" link [ name = 'it\"s' ] ")).isEqualTo(new Targets.Query("role", "link", "it\"s"));
    assertThatThrownBy(() -> Targets.role("button Save"))
        .isInstanceOfSatisfying(StepException.class,
            e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_ACTION));
  }

  @Test
  void describingATargetNamesStrategyIndexAndFrame() {
    assertThat(Targets.describe(new Click("li", null, 2, FramePath.of("#inner"), null)))
        .isEqualTo("getBySelector 'li' index 2 in frame '#inner'");
    assertThat(Targets.describe(new Click("li", null, null, FramePath.of("#outer", "#inner"), null)))
        .isEqualTo("getBySelector 'li' in frame '#outer' > '#inner'");
  }

  private static Click click(String target, TargetBy by) {
    return new Click(target, by, null, null, null);
  }
}
