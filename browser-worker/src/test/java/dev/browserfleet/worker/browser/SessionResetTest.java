package dev.browserfleet.worker.browser;

import static dev.browserfleet.worker.support.Assignments.anAssignment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.browserfleet.contracts.action.BrowserStorage;
import dev.browserfleet.contracts.action.ExecuteScript;
import dev.browserfleet.contracts.action.Extract;
import dev.browserfleet.contracts.action.Navigate;
import dev.browserfleet.contracts.action.WaitFor;
import dev.browserfleet.worker.engine.BrowserSession;
import dev.browserfleet.worker.engine.DeviceProfile;
import dev.browserfleet.worker.execution.AttemptOutcome;
import dev.browserfleet.worker.guard.NavigationGuard;
import dev.browserfleet.worker.support.Assignments;
import dev.browserfleet.worker.support.TestBrowsers;
import dev.browserfleet.worker.support.TestPages;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.HasCdp;

/** Between two jobs on one session, nothing of the first is visible to the second. */
class SessionResetTest {

  private static final Extract SEEN = new Extract("seen", "#seen", null, null, null, null, null, null, null);

  /** history=2: the blank page the job starts from, and its own. */
  private static final String NOTHING_SEEN = "cookie=;local=null;session=null;name=;history=2";

  @Test
  void cookiesStorageNameAndHistoryOfOneJobAreGoneForTheNextOnTheSameSession() {
    // The page reports what it finds, then sets a cookie, localStorage, sessionStorage and the
    // window's name, writes storage on a timer, and again as it is left.
    var first = TestBrowsers.run(anAssignment().to(TestPages.url("storage.html")).doing(SEEN).build());
    String tab = WebDriverPage.driverOf(first.next()).getWindowHandle();
    var second = TestBrowsers.run(anAssignment().to(TestPages.url("storage.html")).doing(SEEN).build());

    assertThat(first.outcome()).isInstanceOf(AttemptOutcome.Succeeded.class);
    assertThat(second.outcome()).isInstanceOf(AttemptOutcome.Succeeded.class);
    assertThat(second.ranOn()).as("both jobs ran on one warm session").isSameAs(first.next());
    assertThat(second.outcome().result().data()).containsEntry("seen", NOTHING_SEEN);
    assertThat(lateWrite(second.next())).as("the timer of the first job's page").isNull();
    assertThat(WebDriverPage.driverOf(second.next()).getWindowHandle()).as("a job on one origin keeps the tab").isEqualTo(tab);
  }

  @Test
  void aJobOnTwoOriginsLeavesTheSessionStorageOfNeither() {
    String onLoopback = TestPages.url("storage.html");
    String onLocalhost = onLoopback.replace("127.0.0.1", "localhost");
    var both = TestBrowsers.run(anAssignment().to(onLoopback).doing(new Navigate(onLocalhost, null, null)).build());
    assertThat(both.outcome()).isInstanceOf(AttemptOutcome.Succeeded.class);

    var loopback = TestBrowsers.run(anAssignment().to(onLoopback).doing(SEEN).build());
    var localhost = TestBrowsers.run(anAssignment().to(onLocalhost).doing(SEEN).build());

    assertThat(loopback.ranOn()).isSameAs(both.next());
    assertThat(loopback.outcome().result().data()).containsEntry("seen", NOTHING_SEEN);
    assertThat(localhost.outcome().result().data()).containsEntry("seen", NOTHING_SEEN);
  }

  /** What the first job's timer may have written, read on the test page's origin. */
  private static Object lateWrite(BrowserSession session) {
    WebDriverPage.driverOf(session).get(TestPages.url("form.html"));
    Object late = ((JavascriptExecutor) WebDriverPage.driverOf(session)).executeScript("return localStorage.getItem('late')");
    session.reset();
    return late;
  }

  @Test
  void nothingOneJobLeavesBehindIsVisibleToTheNextOnTheSameSession() {
    // The first job is granted a permission, stores a cookie, local and session storage and an
    // IndexedDB record, opens a popup and leaves a dialog open.
    var warm = TestBrowsers.run(anAssignment().to(TestPages.url("form.html")).build());
    ((HasCdp) WebDriverPage.driverOf(warm.next())).executeCdpCommand("Browser.grantPermissions", Map.of(
        "origin", TestPages.url("").replaceAll("/$", ""), "permissions", List.of("notifications")));
    assertThat(notificationPermission(warm.next())).isEqualTo("granted");
    var first = TestBrowsers.run(anAssignment().to(TestPages.url("leftovers.html")).doing(
        new WaitFor(null, null, null, null, 5000, null, "idb=", null, null),
        new ExecuteScript("window.open('form.html', 'popup'); setTimeout(() => alert('left open'), 0); return 1",
            "opened", null)).build());
    assertThat(first.outcome()).isInstanceOf(AttemptOutcome.Succeeded.class);
    assertThat(first.next()).as("the session is reused").isSameAs(first.ranOn());

    var second = TestBrowsers.run(anAssignment().to(TestPages.url("leftovers.html")).doing(
        new WaitFor(null, null, null, null, 5000, null, "idb=", null, null),
        SEEN,
        new ExecuteScript("return navigator.permissions.query({name: 'notifications'}).then(p => p.state)",
            "notifications", null)).build());

    assertThat(second.ranOn()).isSameAs(first.next());
    assertThat(second.outcome()).isInstanceOf(AttemptOutcome.Succeeded.class);
    assertThat(second.outcome().result().data())
        .containsEntry("seen", "cookie=;local=null;session=null;idb=undefined;windows=none")
        .containsEntry("notifications", "prompt");
    assertThat(WebDriverPage.driverOf(second.ranOn()).getWindowHandles()).hasSize(1);
  }

  /** Leaves the session on a page of the test server, which the next job opens over. */
  private static Object notificationPermission(BrowserSession session) {
    WebDriverPage.driverOf(session).get(TestPages.url("form.html"));
    return ((JavascriptExecutor) WebDriverPage.driverOf(session))
        .executeScript("return navigator.permissions.query({name: 'notifications'}).then(p => p.state)");
  }

  @Test
  void aResetClosesTheJobsPopupsAndLetsGoOfTheirDevToolsSessions() throws InterruptedException {
    var run = TestBrowsers.run(anAssignment().to(TestPages.url("popup.html")).doing(
        new dev.browserfleet.contracts.action.Click("#allowed", null, null, null, null),
        new WaitFor(null, null, null, null, 5000, null, "popup loaded", null, null)).build());
    assertThat(run.outcome()).isInstanceOf(AttemptOutcome.Succeeded.class);
    assertThat(run.next()).isSameAs(run.ranOn());
    var session = (ChromiumSession) ((WebDriverPage) run.next()).driverSession();

    // The popup's session ends with its window; the event may come a moment after the reset.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (session.guardedPopups() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }

    assertThat(session.guardedPopups()).isZero();
    assertThat(session.driver().getWindowHandles()).hasSize(1);
  }

  @Test
  void extraWindowsAreClosedAndTheSessionIsBackOnABlankPage() {
    var run = TestBrowsers.run(anAssignment().to(TestPages.url("form.html")).build());
    var session = run.next();
    WebDriverPage.driverOf(session).switchTo().newWindow(org.openqa.selenium.WindowType.WINDOW);
    WebDriverPage.driverOf(session).get(TestPages.url("form.html"));

    session.reset();

    assertThat(WebDriverPage.driverOf(session).getWindowHandles()).hasSize(1);
    assertThat(WebDriverPage.driverOf(session).getCurrentUrl()).isEqualTo("about:blank");
  }

  @Test
  void storagePreparedForAJobThatNeverOpenedItsTargetIsNotSeededIntoTheNextJob() {
    var warm = TestBrowsers.run(anAssignment().to(TestPages.url("form.html")).build());
    BrowserSession session = warm.next();
    String tab = WebDriverPage.driverOf(session).getWindowHandle();
    // The job fails between preparing its storage and opening its target.
    session.beginJob(DeviceProfile.of(Assignments.CHROMIUM_DESKTOP, 3.0), NavigationGuard.ALLOW_ALL);
    session.prepareStorage(TestPages.url("cookies"), new BrowserStorage(List.of(), Map.of("theme", "dark"), Map.of("tab", "2")));
    session.reset();

    var next = TestBrowsers.run(anAssignment().to(TestPages.url("cookies"))
        .doing(new Extract("storage", "#storage", null, null, null, null, null, null, null)).build());

    assertThat(next.ranOn()).isSameAs(session);
    assertThat(WebDriverPage.driverOf(next.ranOn()).getWindowHandle()).as("the tab was kept").isEqualTo(tab);
    assertThat(next.outcome().result().data()).containsEntry("storage", "null/null");
  }
}
