package dev.browserfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.browserfleet.cli.api.ServerSentEvents;
import dev.browserfleet.cli.output.Progress;
import dev.browserfleet.cli.output.Text;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's pure parts; the commands themselves are tested against a running system (standalone's CliTest). */
class ClientPartsTest {

  @Test
  void serverSentEventsAreSplitOnBlankLinesWithTheirIdAndMultiLineData() {
    var events = new ArrayList<ServerSentEvents.Event>();
    var parser = new ServerSentEvents(events::add);
    List.of(": keep-alive", "id: 1.2.0", "event: log", "data: {\"a\":", "data: 1}", "", "event: end", "data: {}", "")
        .forEach(parser::line);
    assertThat(events).containsExactly(
        new ServerSentEvents.Event("1.2.0", "log", "{\"a\":\n1}"), new ServerSentEvents.Event(null, "end", "{}"));
  }

  @Test
  void progressCountsActionsAndStartsOverWithANewAttempt() {
    var progress = new Progress(4);
    assertThat(progress.line()).isEqualTo("[--------------------] action 0 of 4  pending");
    progress.status("processing");
    progress.actionEnded(0, "navigate", 1, true);
    progress.actionEnded(1, "click", 1, true);
    assertThat(progress.line()).isEqualTo("[##########----------] action 2 of 4: click  processing");
    progress.actionEnded(0, "navigate", 2, true);
    assertThat(progress.line()).isEqualTo("[#####---------------] action 1 of 4: navigate  processing (attempt 2)");
  }

  @Test
  void argumentsAreCheckedAgainstWhatTheCommandTakes() {
    Arguments jobs = Arguments.parse(Command.JOBS, List.of("--status", "failed", "--limit=5", "--json"));
    assertThat(jobs.option("--status")).isEqualTo("failed");
    assertThat(jobs.intOption("--limit", 1, 100)).isEqualTo(5);
    assertThat(jobs.json()).isTrue();
    assertThatThrownBy(() -> Arguments.parse(Command.SHOW, List.of("a", "b"))).hasMessageContaining("expected browserfleet show ID");
    assertThatThrownBy(() -> Arguments.parse(Command.SUBMIT, List.of("job.json", "--out", "x"))).hasMessageContaining("unknown option --out");
    assertThatThrownBy(() -> Arguments.parse(Command.JOBS, List.of("--limit"))).hasMessageContaining("--limit needs a value");
    assertThat(Arguments.parse(Command.SHOW, List.of("--help")).flag("--help")).isTrue();
  }

  @Test
  void textIsShortAndInUtc() {
    assertThat(Text.time("2026-12-07T14:03:11.123456Z")).isEqualTo("2026-12-07 14:03:11");
    assertThat(Text.between("2026-12-07T14:03:11Z", "2026-12-07T14:03:11.850Z")).isEqualTo("850 ms");
    assertThat(Text.between("2026-12-07T14:03:11Z", "2026-12-07T14:06:16Z")).isEqualTo("3 min 5 s");
    assertThat(Text.between("2026-12-07T14:03:11Z", null)).isEqualTo("-");
    assertThat(Text.table(List.of("A", "LONG"), List.of(List.of("xyz", "1")))).containsExactly("A    LONG", "xyz  1");
  }

  @Test
  void withNoArgumentsTheOverviewIsPrintedAndTheExitIsTwo() {
    var out = new java.io.ByteArrayOutputStream();
    int exit = BrowserfleetCli.run(new String[0], java.util.Map.of(), java.nio.file.Path.of("."), new java.io.PrintStream(out),
        new java.io.PrintStream(new java.io.ByteArrayOutputStream()), false);
    assertThat(exit).isEqualTo(2);
    assertThat(out.toString()).startsWith("usage: browserfleet <command>");
  }
}
