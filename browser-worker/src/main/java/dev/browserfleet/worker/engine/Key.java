package dev.browserfleet.worker.engine;

/**
 * The keys that are not characters, with the code points by which W3C WebDriver names them
 * (section 17.4.2, "Keyboard actions"), so that a key is typed the same way through any engine.
 */
public enum Key implements CharSequence {
  BACK_SPACE('\uE003'),
  TAB('\uE004'),
  ENTER('\uE007'),
  SHIFT('\uE008'),
  CONTROL('\uE009'),
  ALT('\uE00A'),
  ESCAPE('\uE00C'),
  PAGE_UP('\uE00E'),
  PAGE_DOWN('\uE00F'),
  END('\uE010'),
  HOME('\uE011'),
  ARROW_LEFT('\uE012'),
  ARROW_UP('\uE013'),
  ARROW_RIGHT('\uE014'),
  ARROW_DOWN('\uE015'),
  INSERT('\uE016'),
  DELETE('\uE017'),
  F1('\uE031'),
  F2('\uE032'),
  F3('\uE033'),
  F4('\uE034'),
  F5('\uE035'),
  F6('\uE036'),
  F7('\uE037'),
  F8('\uE038'),
  F9('\uE039'),
  F10('\uE03A'),
  F11('\uE03B'),
  F12('\uE03C'),
  META('\uE03D');

  private final String code;

  Key(char code) {
    this.code = String.valueOf(code);
  }

  @Override
  public int length() {
    return 1;
  }

  @Override
  public char charAt(int index) {
    return code.charAt(index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return code.subSequence(start, end);
  }

  @Override
  public String toString() {
    return code;
  }
}
