package dev.browserfleet.standalone;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The pages the benchmark browses, served from memory by the JDK's HTTP server: a small page, and a
 * long article with images, scripts and a web font, as a heavier row.
 */
final class BenchSite implements AutoCloseable {

  private static final Path FONT = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf");

  private final HttpServer server;
  private final Map<String, Page> pages = new HashMap<>();

  private record Page(String contentType, byte[] body) {}

  BenchSite() throws IOException {
    put("/small.html", "text/html; charset=utf-8", """
        <!doctype html><title>small</title><h1>Browserfleet</h1><p>A small page: a heading and a line of text.</p>
        """.getBytes(StandardCharsets.UTF_8));
    put("/article.html", "text/html; charset=utf-8", article().getBytes(StandardCharsets.UTF_8));
    put("/app.js", "text/javascript", """
        document.addEventListener('DOMContentLoaded', () => {
          const toc = document.createElement('ol');
          document.querySelectorAll('h2').forEach(h => { const li = document.createElement('li'); li.textContent = h.textContent; toc.append(li); });
          document.body.prepend(toc);
        });
        """.getBytes(StandardCharsets.UTF_8));
    put("/stats.js", "text/javascript",
        "window.addEventListener('load', () => { document.body.dataset.words = document.body.innerText.split(/\\s+/).length; });"
            .getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < 6; i++) {
      put("/img" + i + ".png", "image/png", image(i));
    }
    if (Files.isReadable(FONT)) {
      put("/serif.ttf", "font/ttf", Files.readAllBytes(FONT));
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      Page page = pages.get(exchange.getRequestURI().getPath());
      if (page == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        exchange.getResponseHeaders().add("Content-Type", page.contentType());
        exchange.sendResponseHeaders(200, page.body().length);
        exchange.getResponseBody().write(page.body());
      }
      exchange.close();
    });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void put(String path, String contentType, byte[] body) {
    pages.put(path, new Page(contentType, body));
  }

  private static String article() {
    var html = new StringBuilder("""
        <!doctype html><html lang=en><head><meta charset=utf-8><title>A long article</title>
        <style>@font-face { font-family: Bench; src: url(/serif.ttf); }
        body { font-family: Bench, serif; max-width: 46em; margin: 2em auto; line-height: 1.6 }
        img { width: 100%; height: auto }</style>
        <script src=/app.js></script><script src=/stats.js defer></script></head><body><h1>A long article</h1>
        """);
    for (int section = 0; section < 24; section++) {
      html.append("<h2>Section ").append(section + 1).append("</h2>");
      if (section % 4 == 0) {
        html.append("<img alt='' src=/img").append(section / 4).append(".png>");
      }
      for (int p = 0; p < 4; p++) {
        html.append("<p>").append("Browsers render long pages of text, images and fonts; this paragraph is "
            + "one of many that make the page long enough to scroll for a while. ".repeat(3)).append("</p>");
      }
    }
    return html.append("</body></html>").toString();
  }

  private static byte[] image(int seed) {
    var image = new BufferedImage(1200, 600, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(40 * seed % 255, 90, 160), 1200, 600, new Color(240, 200, 30 * seed % 255)));
    g.fillRect(0, 0, 1200, 600);
    g.dispose();
    var png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return png.toByteArray();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
