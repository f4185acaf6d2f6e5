package dev.browserfleet.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserfleet.contracts.action.Click;
import dev.browserfleet.contracts.action.TargetBy;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

class TargetsTest {

  @Test
  void xpathLiteralsKeepQuotesWhateverTheyAre() {
    assertThat(Targets.xpathLiteral("plain")).isEqualTo("'plain'");
    assertThat(Targets.xpathLiteral("it's")).isEqualTo("\"it's\"");
    assertThat(Targets.xpathLiteral("say \"it's\"")).isEqualTo("concat('say \"it', \"'\", 's\"')");
  }

  @Test
  void cssAndXpathTargetsPassThrough() {
    assertThat(Targets.locator(click("#save", null))).isEqualTo(By.cssSelector("#save"));
    assertThat(Targets.locator(click("//button", TargetBy.GET_BY_XPATH))).isEqualTo(By.xpath("//button"));
  }

  @Test
  void aTestIdBecomesAnEscapedAttributeSelector() {
    assertThat(Targets.locator(click("a\"b", TargetBy.GET_BY_TEST_ID)))
        .isEqualTo(By.cssSelector("[data-testid=\"a\\\"b\"]"));
  }

  @Test
  void aRoleMayCarryAName() {
    assertThat(Targets.byRole("button")).contains("@role='button'").contains("self::button");
    assertThat(Targets.byRole("button[name=\"Save\"]")).contains("normalize-space(.)='Save'");
    assertThatThrownBy(() -> Targets.byRole("button Save"))
        .isInstanceOfSatisfying(StepException.class,
            e -> assertThat(e.kind()).isEqualTo(FailureKind.INVALID_ACTION));
  }

  @Test
  void describingATargetNamesStrategyIndexAndFrame() {
    assertThat(Targets.describe(new Click("li", null, 2, "#inner", null)))
        .isEqualTo("getBySelector 'li' index 2 in frame '#inner'");
  }

  private static Click click(String target, TargetBy by) {
    return new Click(target, by, null, null, null);
  }
}
