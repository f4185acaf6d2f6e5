package dev.browserfleet.worker.browser;

import dev.browserfleet.contracts.action.Pdf;
import dev.browserfleet.worker.engine.ImageFormat;
import dev.browserfleet.worker.engine.UnsupportedActionException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.UnsupportedCommandException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.print.PageMargin;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;

/** What every engine does the same way through plain WebDriver: element screenshots and printing. */
final class PageOutput {

  /** Paper sizes in centimetres, portrait. */
  private static final Map<String, double[]> PAPER =
      Map.of(
          "A3", new double[] {29.7, 42.0},
          "A4", new double[] {21.0, 29.7},
          "A5", new double[] {14.8, 21.0},
          "LETTER", new double[] {21.59, 27.94},
          "LEGAL", new double[] {21.59, 35.56},
          "TABLOID", new double[] {27.94, 43.18});

  private static final double DEFAULT_MARGIN_CM = 1.0;

  private PageOutput() {}

  /** The element as an image in {@code format}. */
  static byte[] elementScreenshot(WebElement element, ImageFormat format, Integer quality) {
    byte[] png = element.getScreenshotAs(OutputType.BYTES);
    return format == ImageFormat.PNG ? png : toJpeg(png, quality);
  }

  /** The page as a PDF; an engine without the WebDriver print command says so clearly. */
  static byte[] print(WebDriver driver, String engine, Pdf pdf) {
    if (!(driver instanceof PrintsPage printer)) {
      throw new UnsupportedActionException("pdf is not supported on " + engine + ": its driver cannot print");
    }
    try {
      return Base64.getDecoder().decode(printer.print(printOptions(pdf)).getContent());
    } catch (UnsupportedCommandException e) {
      throw new UnsupportedActionException("pdf is not supported on " + engine + ": its driver has no print command");
    } catch (WebDriverException e) {
      if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("unknown command")) {
        throw new UnsupportedActionException("pdf is not supported on " + engine + ": its driver has no print command");
      }
      throw e;
    }
  }

  static PrintOptions printOptions(Pdf pdf) {
    var options = new PrintOptions();
    double[] paper = PAPER.get(pdf.formatOrA4().toUpperCase(Locale.ROOT));
    if (paper == null) {
      throw new IllegalArgumentException("unknown paper format " + pdf.formatOrA4());
    }
    options.setPageSize(new PageSize(paper[1], paper[0]));
    options.setOrientation(Boolean.TRUE.equals(pdf.landscape())
        ? PrintOptions.Orientation.LANDSCAPE : PrintOptions.Orientation.PORTRAIT);
    options.setBackground(Boolean.TRUE.equals(pdf.printBackground()));
    if (pdf.scale() != null) {
      options.setScale(pdf.scale());
    }
    Pdf.Margin m = pdf.margin();
    options.setPageMargin(m == null
        ? new PageMargin(DEFAULT_MARGIN_CM, DEFAULT_MARGIN_CM, DEFAULT_MARGIN_CM, DEFAULT_MARGIN_CM)
        : new PageMargin(orDefault(m.top()), orDefault(m.bottom()), orDefault(m.left()), orDefault(m.right())));
    return options;
  }

  static boolean isKnownPaper(String format) {
    return PAPER.containsKey(format.toUpperCase(Locale.ROOT));
  }

  private static double orDefault(Double cm) {
    return cm == null ? DEFAULT_MARGIN_CM : cm;
  }

  static byte[] toJpeg(byte[] png, Integer quality) {
    try {
      BufferedImage source = ImageIO.read(new ByteArrayInputStream(png));
      // JPEG has no alpha: draw onto an opaque image first.
      var rgb = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
      var graphics = rgb.createGraphics();
      graphics.drawImage(source, 0, 0, java.awt.Color.WHITE, null);
      graphics.dispose();
      ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
      var out = new ByteArrayOutputStream();
      try (var stream = ImageIO.createImageOutputStream(out)) {
        writer.setOutput(stream);
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (quality != null) {
          param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
          param.setCompressionQuality(quality / 100f);
        }
        writer.write(null, new IIOImage(rgb, null, null), param);
      } finally {
        writer.dispose();
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("could not convert a screenshot to JPEG", e);
    }
  }
}
