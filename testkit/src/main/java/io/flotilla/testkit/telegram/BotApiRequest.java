package io.flotilla.testkit.telegram;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of one method call, merged from the query string and the body. Every value is a
 * string, as in the real server: nested objects sent in a JSON body are kept as their JSON text.
 */
record BotApiRequest(Map<String, String> args, Map<String, UploadedFile> files) {
  private static final Pattern LEADING_INTEGER = Pattern.compile("^\\s*([+-]?\\d+)");

  record UploadedFile(String fileName, String contentType, byte[] content) {}

  BotApiRequest {
    args = Map.copyOf(args);
    files = Map.copyOf(files);
  }

  /** The value, or "" when absent: the server does not distinguish empty from missing. */
  String arg(String name) {
    return args.getOrDefault(name, "");
  }

  boolean has(String name) {
    return args.containsKey(name);
  }

  /** Like the server's to_bool: "true", "yes" and "1", in any case and with spaces around. */
  boolean bool(String name) {
    String value = arg(name).strip().toLowerCase(Locale.ROOT);
    return value.equals("true") || value.equals("yes") || value.equals("1");
  }

  /**
   * Like the server's get_integer_arg: absent gives the default, junk gives 0, and the value is
   * clamped into the allowed range instead of being rejected.
   */
  int integer(String name, int defaultValue, int min, int max) {
    String value = arg(name);
    long parsed = value.isEmpty() ? defaultValue : leadingInteger(value);
    return Math.clamp(parsed, min, max);
  }

  /** Like the server's to_integer: the leading digits, 0 when there are none. */
  static long leadingInteger(String value) {
    Matcher matcher = LEADING_INTEGER.matcher(value);
    if (!matcher.find()) {
      return 0;
    }
    try {
      return Long.parseLong(matcher.group(1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
