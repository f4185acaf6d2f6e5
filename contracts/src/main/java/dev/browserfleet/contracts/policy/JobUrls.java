package dev.browserfleet.contracts.policy;

import dev.browserfleet.contracts.FieldError;
import dev.browserfleet.contracts.action.Action;
import dev.browserfleet.contracts.action.Navigate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The URLs a job opens (its target URL and each navigate action's), for every check of them. */
final class JobUrls {

  private JobUrls() {}

  /**
   * Every URL of the job that {@code check} denies, named by field path ({@code targetUrl}, {@code
   * actions[2].url}), with the URL and the reason.
   */
  static List<FieldError> violations(String targetUrl, List<Action> actions, Function<String, Optional<String>> check) {
    var errors = new ArrayList<FieldError>();
    check.apply(targetUrl).ifPresent(why -> errors.add(new FieldError("targetUrl", targetUrl + " " + why)));
    for (int i = 0; i < actions.size(); i++) {
      if (actions.get(i) instanceof Navigate navigate) {
        String field = "actions[" + i + "].url";
        check.apply(navigate.url()).ifPresent(why -> errors.add(new FieldError(field, navigate.url() + " " + why)));
      }
    }
    return errors;
  }
}
