package dev.browserfleet.worker.browser;

import dev.browserfleet.worker.engine.ChosenFile;
import dev.browserfleet.worker.engine.PageScripts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Choosing files in a file input from bytes the job carries, as {@link DriverSession#chooseFiles}
 * does by default: in the page (a DataTransfer's files), so that no file has to exist on the
 * machine of the browser, which may be remote, and every engine does it alike.
 */
final class FileChoices {

  private static final String SET_FILES = PageScripts.load(FileChoices.class, "set-files.js");

  private FileChoices() {}

  static Optional<String> choose(WebDriver driver, WebElement input, List<ChosenFile> files) {
    List<Map<String, String>> plain = files.stream()
        .map(f -> Map.of("name", f.name(), "mimeType", f.mimeType(), "base64", f.base64())).toList();
    Object problem = ((JavascriptExecutor) driver).executeScript(SET_FILES, input, plain);
    return Optional.ofNullable(problem).map(String::valueOf);
  }
}
