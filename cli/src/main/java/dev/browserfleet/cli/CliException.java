package dev.browserfleet.cli;

/**
 * Why a command stopped, with the exit code it ends with: {@link #JOB_FAILED} when the job it
 * followed failed or was cancelled (or a download did not match its SHA-256), {@link #USAGE} for
 * bad input, an API that cannot be reached, or an answer the API refused.
 */
public final class CliException extends RuntimeException {

  public static final int JOB_FAILED = 1;
  public static final int USAGE = 2;

  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  public static CliException usage(String message) {
    return new CliException(USAGE, message);
  }
}
