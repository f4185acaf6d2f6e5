package dev.browserfleet.worker.execution;

import dev.browserfleet.contracts.ArtifactType;
import dev.browserfleet.contracts.JsonCodec;
import dev.browserfleet.contracts.action.Pdf;
import dev.browserfleet.contracts.action.Screenshot;
import dev.browserfleet.contracts.action.Snapshot;
import dev.browserfleet.worker.engine.ImageFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

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
    var page = new LinkedHashMap<String, Object>();
    page.put("url", context.session.currentUrl());
    page.put("title", context.session.title());
    page.put("html", context.session.pageSource());
    if (Boolean.TRUE.equals(snapshot.cookies())) {
      page.put("cookies", context.session.cookies());
    }
    if (Boolean.TRUE.equals(snapshot.localStorage())) {
      page.put("localStorage", context.session.runScript(STORAGE_ITEMS, "local"));
    }
    if (Boolean.TRUE.equals(snapshot.sessionStorage())) {
      page.put("sessionStorage", context.session.runScript(STORAGE_ITEMS, "session"));
    }
    return page;
  }
}
