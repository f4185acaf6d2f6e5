package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.ArtifactType;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.action.Pdf;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.action.Snapshot;
import dev.browserfleet.worker.browser.ImageFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/** Artifacts of the page: screenshots, PDFs and snapshots. */
final class OutputSteps {

  private static final String STORAGE_ITEMS = StepContext.script("storage-items.js");

  private final StepContext context;

  OutputSteps(StepContext context) {
    this.context = context;
  }

  UUID screenshot(int index, Screenshot shot) {
    ImageFormat format = ImageFormat.fromWireName(shot.typeOrPng()).orElseThrow();
    byte[] image = shot.hasTarget()
        ? context.onElement(shot, Elements.Readiness.VISIBLE,
            element -> context.session.screenshot(element, format, shot.quality()))
        : context.session.screenshot(shot.wantsFullPage(), format, shot.quality());
    return context.store(index, ArtifactType.SCREENSHOT, format.extension(), format.mimeType(), image);
  }

  UUID pdf(int index, Pdf pdf) {
    return context.store(index, ArtifactType.PDF, "pdf", "application/pdf", context.session.pdf(pdf));
  }

  UUID snapshot(int index, Snapshot snapshot) {
    return context.store(index, ArtifactType.DATA, "json", "application/json", JsonCodec.encode(page(snapshot)));
  }

  private Map<String, Object> page(Snapshot snapshot) {
    WebDriver driver = context.session.driver();
    var page = new LinkedHashMap<String, Object>();
    page.put("url", context.session.currentUrl());
    page.put("title", context.session.title());
    page.put("html", driver.getPageSource());
    if (Boolean.TRUE.equals(snapshot.cookies())) {
      page.put("cookies", driver.manage().getCookies().stream().map(OutputSteps::cookie).toList());
    }
    if (Boolean.TRUE.equals(snapshot.localStorage())) {
      page.put("localStorage", ((JavascriptExecutor) driver).executeScript(STORAGE_ITEMS, "local"));
    }
    if (Boolean.TRUE.equals(snapshot.sessionStorage())) {
      page.put("sessionStorage", ((JavascriptExecutor) driver).executeScript(STORAGE_ITEMS, "session"));
    }
    return page;
  }

  private static Map<String, Object> cookie(Cookie cookie) {
    var map = new LinkedHashMap<String, Object>();
    map.put("name", cookie.getName());
    map.put("value", cookie.getValue());
    map.put("domain", cookie.getDomain());
    map.put("path", cookie.getPath());
    map.put("secure", cookie.isSecure());
    map.put("httpOnly", cookie.isHttpOnly());
    if (cookie.getSameSite() != null) {
      map.put("sameSite", cookie.getSameSite());
    }
    if (cookie.getExpiry() != null) {
      map.put("expires", cookie.getExpiry().toInstant().getEpochSecond());
    }
    return map;
  }
}
