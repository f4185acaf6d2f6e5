package dev.browserfleet.worker.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Network events reach their listeners on a pool's threads, in any order; what counts is the
 * sequence number each got on arrival.
 */
class NetworkActivityTest {

  private static final String CSS = "http://127.0.0.1:8000/style.css";

  private final NetworkActivity network = new NetworkActivity();

  @Test
  void aRequestStartedAndNotEndedIsInFlightUntilItsEnd() {
    network.requestStarted(1, "r1", CSS);
    assertThat(network.inFlightCount()).isEqualTo(1);

    network.requestEnded(2, "r1");

    assertThat(network.inFlightCount()).isZero();
  }

  @Test
  void anEndHandledBeforeItsStartStillEndsTheRequest() {
    // A response from the cache: both events arrive within a millisecond, and the end's thread won.
    network.requestEnded(8, "r1");
    network.requestStarted(7, "r1", CSS);

    assertThat(network.inFlightCount()).isZero();
    assertThat(network.isIdleFor(0)).isTrue();
  }

  @Test
  void aRedirectHopWhoseStartIsHandledAfterTheEndIsNotInFlight() {
    network.requestStarted(1, "r1", "http://127.0.0.1:8000/old");
    network.requestEnded(3, "r1");
    network.requestStarted(2, "r1", CSS);

    assertThat(network.inFlightCount()).isZero();
  }

  @Test
  void aRedirectHopStartedAfterTheEndOfTheFirstHopIsInFlight() {
    network.requestStarted(1, "r1", "http://127.0.0.1:8000/old");
    network.requestEnded(2, "r1");
    network.requestStarted(3, "r1", CSS);

    assertThat(network.inFlightCount()).isEqualTo(1);
  }

  @Test
  void aLateStartOfThePageLeftBehindDoesNotKeepTheNextPageBusy() {
    network.requestEnded(5, "old");
    network.newPage();
    network.requestStarted(4, "old", CSS);
    network.requestStarted(6, "new", CSS);
    network.requestEnded(7, "new");

    assertThat(network.inFlightCount()).isZero();
  }

  @Test
  void aNewPageForgetsRequestsWhoseEndNeverCame() {
    network.requestStarted(1, "r1", CSS);
    network.newPage();

    assertThat(network.inFlightCount()).isZero();
  }

  @Test
  void dataUrlsAreNotCountedButTheirOriginsOfHttpRequestsAre() {
    network.requestStarted(1, "d1", "data:text/plain,hello");
    network.requestStarted(2, "r1", CSS);

    assertThat(network.inFlightCount()).isEqualTo(1);
    assertThat(network.takeOrigins()).containsExactly("http://127.0.0.1:8000");
  }
}
