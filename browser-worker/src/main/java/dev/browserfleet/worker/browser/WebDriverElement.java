package dev.browserfleet.worker.browser;

import static dev.browserfleet.worker.browser.SeleniumErrors.call;
import static dev.browserfleet.worker.browser.SeleniumErrors.run;

import dev.browserfleet.worker.engine.PageElement;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.UnexpectedTagNameException;

/** A {@link PageElement} of a WebDriver-shaped driver. */
record WebDriverElement(WebElement element) implements PageElement {

  @Override
  public void click() {
    run(element::click);
  }

  @Override
  public void clear() {
    run(element::clear);
  }

  @Override
  public void sendKeys(CharSequence... keys) {
    run(() -> element.sendKeys(keys));
  }

  @Override
  public String text() {
    return call(element::getText);
  }

  @Override
  public String attribute(String name) {
    return call(() -> element.getDomAttribute(name));
  }

  @Override
  public String property(String name) {
    return call(() -> element.getDomProperty(name));
  }

  @Override
  public String tagName() {
    return call(element::getTagName);
  }

  @Override
  public boolean isDisplayed() {
    return call(element::isDisplayed);
  }

  @Override
  public boolean isEnabled() {
    return call(element::isEnabled);
  }

  @Override
  public boolean isSelected() {
    return call(element::isSelected);
  }

  @Override
  public Choice select(String value, String label, Integer index) {
    return call(() -> {
      Select options;
      try {
        options = new Select(element);
      } catch (UnexpectedTagNameException e) {
        return Choice.NOT_A_SELECT;
      }
      try {
        if (value != null) {
          options.selectByValue(value);
        } else if (label != null) {
          options.selectByVisibleText(label);
        } else {
          options.selectByIndex(index);
        }
        return Choice.CHOSEN;
      } catch (NoSuchElementException e) {
        return Choice.NO_SUCH_OPTION;
      }
    });
  }
}
