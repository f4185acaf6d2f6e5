package dev.browserfleet.contracts.lane;

import java.util.Comparator;
import java.util.List;

/**
 * How priorities 0-100 split into bands, highest first. The bands must cover 0-100 without gaps or
 * overlaps; the default is {@code high} 67-100, {@code normal} 34-66, {@code low} 0-33.
 */
public record PriorityBands(List<Band> bands) {

  /**
   * The configuration key of the bands, a list of {@code name}, {@code min}, {@code max}. The
   * dispatcher and the workers must agree on it: the band names are part of the lane topics'.
   */
  public static final String PROPERTY = "browserfleet.lanes.bands";

  public static final PriorityBands DEFAULT =
      new PriorityBands(
          List.of(new Band("high", 67, 100), new Band("normal", 34, 66), new Band("low", 0, 33)));

  public PriorityBands {
    bands = bands.stream().sorted(Comparator.comparingInt(Band::min).reversed()).toList();
    int expectedMax = 100;
    for (Band band : bands) {
      if (band.max() != expectedMax) {
        throw new IllegalArgumentException(
            "priority bands must cover 0-100 without gaps or overlaps; band '"
                + band.name()
                + "' ends at "
                + band.max()
                + ", expected "
                + expectedMax);
      }
      expectedMax = band.min() - 1;
    }
    if (expectedMax != -1) {
      throw new IllegalArgumentException("priority bands must reach down to 0");
    }
  }

  /** The band that holds {@code priority} (0-100). */
  public Band bandOf(int priority) {
    return bands.stream()
        .filter(b -> b.contains(priority))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("priority " + priority + " is outside 0-100"));
  }

  /** One band: priorities {@code min} to {@code max}, inclusive. */
  public record Band(String name, int min, int max) {

    public Band {
      if (name == null || !name.matches("[a-z0-9-]+")) {
        throw new IllegalArgumentException("a band name is lower-case letters, digits and '-': " + name);
      }
      if (min > max) {
        throw new IllegalArgumentException("band '" + name + "' has min " + min + " > max " + max);
      }
    }

    public boolean contains(int priority) {
      return priority >= min && priority <= max;
    }
  }
}
