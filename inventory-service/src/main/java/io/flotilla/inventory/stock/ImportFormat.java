package io.flotilla.inventory.stock;

/**
 * How an upload carries its items, one per line. Text: the line, trimmed, is the item. CSV (RFC
 * 4180 on one line): a single field per line, quoted when it holds a comma or a quote ({@code ""}
 * inside quotes is one quote); a first line reading {@code code} is a header. In both, blank lines
 * are skipped and control characters other than tab are refused.
 */
public enum ImportFormat {
  TEXT,
  CSV;

  /** What one line holds: an item, nothing (blank), or the reason it is malformed. */
  record Parsed(String item, String error) {

    static final Parsed BLANK = new Parsed(null, null);

    static Parsed item(String item) {
      return new Parsed(item, null);
    }

    static Parsed error(String error) {
      return new Parsed(null, error);
    }

    boolean isBlank() {
      return item == null && error == null;
    }
  }

  static final String TOO_LONG = "too-long";
  static final String CONTROL_CHARACTER = "control-character";
  static final String UNBALANCED_QUOTE = "unbalanced-quote";
  static final String SEVERAL_FIELDS = "several-fields";

  Parsed parse(String line, int maxLength) {
    String trimmed = line.strip();
    if (trimmed.isEmpty()) {
      return Parsed.BLANK;
    }
    Parsed parsed = this == CSV ? csvField(trimmed) : Parsed.item(trimmed);
    if (parsed.item() == null) {
      return parsed;
    }
    String item = parsed.item();
    if (item.isEmpty()) {
      return Parsed.BLANK;
    }
    if (item.length() > maxLength) {
      return Parsed.error(TOO_LONG);
    }
    for (int i = 0; i < item.length(); i++) {
      char c = item.charAt(i);
      if (Character.isISOControl(c) && c != '\t') {
        return Parsed.error(CONTROL_CHARACTER);
      }
    }
    return parsed;
  }

  /** Whether a CSV line is the optional header. */
  static boolean isCsvHeader(String line) {
    return line.strip().equalsIgnoreCase("code");
  }

  private static Parsed csvField(String line) {
    if (line.charAt(0) != '"') {
      if (line.indexOf('"') >= 0) {
        return Parsed.error(UNBALANCED_QUOTE);
      }
      return line.indexOf(',') >= 0 ? Parsed.error(SEVERAL_FIELDS) : Parsed.item(line);
    }
    StringBuilder field = new StringBuilder(line.length());
    int i = 1;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '"') {
        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i += 2;
          continue;
        }
        String rest = line.substring(i + 1).strip();
        if (rest.isEmpty()) {
          return Parsed.item(field.toString().strip());
        }
        return rest.charAt(0) == ','
            ? Parsed.error(SEVERAL_FIELDS)
            : Parsed.error(UNBALANCED_QUOTE);
      }
      field.append(c);
      i++;
    }
    return Parsed.error(UNBALANCED_QUOTE);
  }
}
