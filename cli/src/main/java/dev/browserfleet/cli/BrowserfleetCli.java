package dev.browserfleet.cli;

import dev.browserfleet.cli.api.ApiClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/browserfleet submit|jobs|show|logs|watch|cancel|artifacts|help}: a client of any
 * Browserfleet API, named by {@code BF_API_URL} (default {@code http://localhost:8080}) with the key
 * in {@code BF_API_KEY}. Exit codes: 0 done (a followed job completed), 1 a followed job failed or
 * was cancelled, or a download did not match its SHA-256; 2 bad input, an unreachable API, or an
 * answer the API refused.
 */
public final class BrowserfleetCli {

  static final String DEFAULT_API_URL = "http://localhost:8080";

  private BrowserfleetCli() {}

  public static void main(String[] args) {
    boolean interactive = System.console() != null;
    int exit = run(args, System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err, interactive);
    System.out.flush();
    System.exit(exit);
  }

  /**
   * Runs one command; returns its exit code. {@code interactive} redraws the progress bar in place
   * (a terminal) instead of printing a line per change (a log file or a test).
   */
  public static int run(String[] args, Map<String, String> env, Path workingDir, PrintStream out, PrintStream err, boolean interactive) {
    if (args.length == 0) {
      out.print(help("overview"));
      return CliException.USAGE;
    }
    String name = args[0];
    if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
      if (args.length > 1 && Command.named(args[1]).isPresent()) {
        out.print(help(args[1]));
      } else {
        out.print(help("overview"));
      }
      return 0;
    }
    try {
      Command command = Command.named(name)
          .orElseThrow(() -> CliException.usage("unknown command " + name + " (see: browserfleet help)"));
      Arguments arguments = Arguments.parse(command, List.of(Arrays.copyOfRange(args, 1, args.length)));
      if (arguments.flag("--help")) {
        out.print(help(command.wireName()));
        return 0;
      }
      String key = env.get("BF_API_KEY");
      if (key == null || key.isBlank()) {
        throw CliException.usage("BF_API_KEY is not set: export BF_API_KEY=<your API key> (bin/browserfleet dev prints the admin key)");
      }
      var api = new ApiClient(env.getOrDefault("BF_API_URL", DEFAULT_API_URL), key.strip());
      var console = new Console(out, err, interactive, arguments.json());
      return switch (command) {
        case SUBMIT -> new JobCommands(api, console).submit(workingDir.resolve(arguments.first()), arguments.flag("--wait"));
        case JOBS -> new JobCommands(api, console).jobs(arguments.option("--status"), arguments.intOption("--limit", 1, 100));
        case SHOW -> new JobCommands(api, console).show(arguments.first());
        case LOGS -> new JobCommands(api, console).logs(arguments.first());
        case WATCH -> new JobFollower(api, console).watch(JobCommands.jobId(arguments.first()));
        case CANCEL -> new JobCommands(api, console).cancel(arguments.first());
        case ARTIFACTS -> new ArtifactDownloads(api, console).download(
            JobCommands.jobId(arguments.first()), workingDir.resolve(arguments.options().getOrDefault("--out", ".")));
      };
    } catch (CliException e) {
      err.println("browserfleet: " + e.getMessage());
      return e.exitCode();
    }
  }

  static String help(String topic) {
    try (InputStream in = BrowserfleetCli.class.getResourceAsStream("help/" + topic + ".txt")) {
      if (in == null) {
        throw new IllegalStateException("no help text for " + topic);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
