package dev.browserfleet.worker.browser;

import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.worker.execution.AttemptOutcome;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import org.junit.jupiter.api.Test;

/** Between two jobs on one session, nothing of the first is visible to the second. */
class SessionResetTest {

  private static final Extract SEEN = new Extract("seen", "#seen", null, null, null, null, null, null, null);

  @Test
  void cookiesAndLocalAndSessionStorageOfOneJobAreGoneForTheNextOnTheSameSession() {
    // The page reports what it finds, then sets a cookie, localStorage and sessionStorage.
    var first = TestBrowsers.run(anAssignment().to(TestPages.url("storage.html")).doing(SEEN).build());
    var second = TestBrowsers.run(anAssignment().to(TestPages.url("storage.html")).doing(SEEN).build());

    assertThat(first.outcome()).isInstanceOf(AttemptOutcome.Succeeded.class);
    assertThat(second.outcome()).isInstanceOf(AttemptOutcome.Succeeded.class);
    assertThat(second.ranOn()).as("both jobs ran on one warm session").isSameAs(first.next());
    assertThat(second.outcome().result().data()).containsEntry("seen", "cookie=;local=null;session=null");
  }

  @Test
  void extraWindowsAreClosedAndTheSessionIsBackOnABlankPage() {
    var run = TestBrowsers.run(anAssignment().to(TestPages.url("form.html")).build());
    var session = run.next();
    session.driver().switchTo().newWindow(org.openqa.selenium.WindowType.WINDOW);
    session.driver().get(TestPages.url("form.html"));

    session.reset();

    assertThat(session.driver().getWindowHandles()).hasSize(1);
    assertThat(session.driver().getCurrentUrl()).isEqualTo("about:blank");
  }
}
