package io.flotilla.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.testkit.telegram.BotApiTypes.MessageEntity;
import io.flotilla.testkit.telegram.BotApiTypes.User;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message text with entities, produced the way TDLib (behind the Bot API) produces it: parse_mode
 * markup is parsed with the same error messages, the text is trimmed, and commands and URLs are
 * detected. Offsets and lengths are in UTF-16 code units, like the Bot API's.
 */
record FormattedText(String text, List<MessageEntity> entities) {
  static final int MAX_TEXT_LENGTH = 4096;
  static final int MAX_CAPTION_LENGTH = 1024;

  private static final Set<String> AUTO_DETECTED_TYPES =
      Set.of(
          "mention",
          "hashtag",
          "cashtag",
          "bot_command",
          "url",
          "email",
          "phone_number",
          "bank_card_number");
  private static final Set<String> EXPLICIT_TYPES =
      Set.of(
          "bold",
          "italic",
          "underline",
          "strikethrough",
          "spoiler",
          "code",
          "pre",
          "text_link",
          "text_mention",
          "custom_emoji",
          "blockquote",
          "expandable_blockquote");
  private static final Set<String> NO_DETECTION_INSIDE =
      Set.of("code", "pre", "text_link", "text_mention", "custom_emoji");
  // TDLib sorts entities of equal offset and length by this priority.
  private static final Map<String, Integer> PRIORITY =
      Map.ofEntries(
          Map.entry("blockquote", 0),
          Map.entry("expandable_blockquote", 1),
          Map.entry("pre", 11),
          Map.entry("code", 20),
          Map.entry("text_link", 49),
          Map.entry("text_mention", 49),
          Map.entry("bold", 90),
          Map.entry("italic", 91),
          Map.entry("underline", 92),
          Map.entry("strikethrough", 93),
          Map.entry("spoiler", 94),
          Map.entry("custom_emoji", 99));
  private static final Pattern BOT_COMMAND =
      Pattern.compile("(?<![\\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\\w/@])");
  private static final Pattern HTTP_URL =
      Pattern.compile("(?i)(?<![\\w/])https?://[^\\s<>\"]+(?<![.,;:!?'\")\\]])");

  FormattedText {
    entities = List.copyOf(entities);
  }

  static FormattedText plain(String text) {
    return new FormattedText(text, List.of());
  }

  List<MessageEntity> entitiesOrNull() {
    return entities.isEmpty() ? null : entities;
  }

  /** Parses a text parameter with its parse_mode or its explicit entities parameter. */
  static FormattedText parse(
      String text, String parseMode, String entitiesJson, ObjectMapper json) {
    if (text.getBytes(StandardCharsets.UTF_8).length > (1 << 15)) {
      throw BotApiException.badRequest("text is too long");
    }
    String mode = parseMode.toLowerCase(Locale.ROOT);
    if (text.isEmpty() || mode.isEmpty() || mode.equals("none")) {
      return new FormattedText(text, explicitEntities(entitiesJson, json));
    }
    try {
      return switch (mode) {
        case "html" -> new HtmlParser(text).parse();
        case "markdownv2" -> new MarkdownV2Parser(text).parse();
        case "markdown" -> new LegacyMarkdownParser(text).parse();
        default -> throw BotApiException.badRequest("unsupported parse_mode");
      };
    } catch (MarkupException e) {
      throw BotApiException.badRequest("can't parse entities: " + e.getMessage());
    }
  }

  /**
   * What the server does before storing a message: trims surrounding whitespace, clips entities,
   * detects commands and URLs, sorts entities, and enforces the length limit.
   */
  FormattedText finish(int maxLength, String tooLongReason) {
    int start = 0;
    int end = text.length();
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (start == end) {
      throw BotApiException.badRequest("message must be non-empty");
    }
    String trimmed = text.substring(start, end);
    if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
      throw BotApiException.badRequest(tooLongReason);
    }
    List<MessageEntity> result = new ArrayList<>();
    for (MessageEntity entity : entities) {
      int from = Math.max(entity.offset() - start, 0);
      int to = Math.min(entity.offset() + entity.length() - start, trimmed.length());
      if (to > from && !AUTO_DETECTED_TYPES.contains(entity.type())) {
        result.add(entity.withBounds(from, to - from));
      }
    }
    detect(trimmed, BOT_COMMAND, "bot_command", result);
    detect(trimmed, HTTP_URL, "url", result);
    return new FormattedText(trimmed, sorted(result));
  }

  private static List<MessageEntity> sorted(List<MessageEntity> entities) {
    List<MessageEntity> sorted = new ArrayList<>(entities);
    sorted.sort(
        Comparator.comparingInt(MessageEntity::offset)
            .thenComparing(Comparator.comparingInt(MessageEntity::length).reversed())
            .thenComparingInt(FormattedText::priority));
    return sorted;
  }

  private static int priority(MessageEntity entity) {
    if (entity.type().equals("pre") && entity.language() != null) {
      return 10;
    }
    return PRIORITY.getOrDefault(entity.type(), 50);
  }

  private static void detect(
      String text, Pattern pattern, String type, List<MessageEntity> entities) {
    Matcher matcher = pattern.matcher(text);
    List<MessageEntity> found = new ArrayList<>();
    while (matcher.find()) {
      int offset = matcher.start();
      int end = matcher.end();
      boolean covered =
          entities.stream()
              .anyMatch(
                  entity ->
                      (NO_DETECTION_INSIDE.contains(entity.type())
                              || AUTO_DETECTED_TYPES.contains(entity.type()))
                          && entity.offset() < end
                          && offset < entity.offset() + entity.length());
      if (!covered) {
        found.add(MessageEntity.of(type, offset, end - offset));
      }
    }
    entities.addAll(found);
  }

  private static List<MessageEntity> explicitEntities(String entitiesJson, ObjectMapper json) {
    if (entitiesJson.isEmpty()) {
      return List.of();
    }
    JsonNode array;
    try {
      array = json.readTree(entitiesJson);
    } catch (java.io.IOException e) {
      // TDLib ignores an entities parameter it can't decode.
      return List.of();
    }
    List<MessageEntity> entities = new ArrayList<>();
    if (array == null || !array.isArray()) {
      return entities;
    }
    for (JsonNode node : array) {
      if (!node.isObject()) {
        throw BotApiException.badRequest("can't parse MessageEntity: expected an Object");
      }
      int offset = requiredInt(node, "offset");
      int length = requiredInt(node, "length");
      String type = node.path("type").asText("");
      if (AUTO_DETECTED_TYPES.contains(type)) {
        continue;
      }
      if (!EXPLICIT_TYPES.contains(type)) {
        throw BotApiException.badRequest("can't parse MessageEntity: Unsupported type specified");
      }
      String url = type.equals("text_link") ? requiredString(node, "url") : null;
      String language = type.equals("pre") ? node.path("language").asText(null) : null;
      String emojiId = type.equals("custom_emoji") ? requiredString(node, "custom_emoji_id") : null;
      User user = null;
      if (type.equals("text_mention")) {
        long userId = node.path("user").path("id").asLong(0);
        if (userId <= 0) {
          throw BotApiException.badRequest("can't parse MessageEntity: Can't find field \"user\"");
        }
        user = new User(userId, false, "", null, null, null, null, null, null, null, null, null);
      }
      entities.add(new MessageEntity(type, offset, length, url, user, language, emojiId));
    }
    return entities;
  }

  private static int requiredInt(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null
        || !(value.isInt() || value.isTextual() && value.asText().matches("-?\\d+"))) {
      throw BotApiException.badRequest(
          "can't parse MessageEntity: Can't find field \"" + field + "\"");
    }
    return value.asInt();
  }

  private static String requiredString(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw BotApiException.badRequest(
          "can't parse MessageEntity: Can't find field \"" + field + "\"");
    }
    return value.asText();
  }

  /**
   * TDLib's link check: http(s) links need a host with a top level domain and get a path, tg: and
   * ton: links pass as they are; anything else is no link (the entity is dropped).
   */
  static String normalizedLink(String link) {
    String url = link;
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.startsWith("tg:") || lower.startsWith("ton:")) {
      return url;
    }
    int schemeEnd = url.indexOf("://");
    String scheme = schemeEnd < 0 ? "http" : lower.substring(0, schemeEnd);
    String rest = schemeEnd < 0 ? url : url.substring(schemeEnd + 3);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return null;
    }
    int authorityEnd = rest.length();
    for (char stop : new char[] {'/', '?', '#'}) {
      int index = rest.indexOf(stop);
      if (index >= 0 && index < authorityEnd) {
        authorityEnd = index;
      }
    }
    String authority = rest.substring(0, authorityEnd);
    String host = authority.substring(authority.lastIndexOf('@') + 1).replaceFirst(":\\d+$", "");
    boolean validHost =
        host.matches("\\d{1,3}(\\.\\d{1,3}){3}")
            || host.matches("(?i)([a-z0-9-]+\\.)+([a-z]{2,}|xn--[a-z0-9-]+)");
    if (!validHost) {
      return null;
    }
    String path = rest.substring(authorityEnd);
    return scheme + "://" + authority + (path.startsWith("/") ? path : "/" + path);
  }

  /**
   * A markup error; its message is TDLib's, which the Bot API appends to "can't parse entities".
   */
  private static final class MarkupException extends RuntimeException {
    MarkupException(String message) {
      super(message, null, false, false);
    }
  }

  /** Shared by the three markup parsers: output text, entities and byte offsets for errors. */
  private abstract static class MarkupParser {
    final String in;
    final StringBuilder out = new StringBuilder();
    final List<MessageEntity> entities = new ArrayList<>();

    MarkupParser(String in) {
      this.in = in;
    }

    abstract FormattedText parse();

    /** TDLib reports positions as byte offsets into the UTF-8 input. */
    int byteOffset(int index) {
      return in.substring(0, Math.min(index, in.length())).getBytes(StandardCharsets.UTF_8).length;
    }

    char at(int index) {
      return index < in.length() ? in.charAt(index) : '\0';
    }

    static boolean isSpace(char c) {
      return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0' || c == '\u000b';
    }

    void addLink(String url, int offset) {
      String link = normalizedLink(url);
      if (link != null && out.length() > offset) {
        entities.add(
            new MessageEntity("text_link", offset, out.length() - offset, link, null, null, null));
      }
    }

    FormattedText result() {
      return new FormattedText(out.toString(), sorted(entities));
    }
  }

  private static final class HtmlParser extends MarkupParser {
    private static final Set<String> TAGS =
        Set.of(
            "a",
            "b",
            "strong",
            "i",
            "em",
            "s",
            "strike",
            "del",
            "u",
            "ins",
            "tg-spoiler",
            "tg-emoji",
            "span",
            "pre",
            "code",
            "blockquote");
    private static final Map<String, String> SIMPLE_TYPES =
        Map.ofEntries(
            Map.entry("b", "bold"),
            Map.entry("strong", "bold"),
            Map.entry("i", "italic"),
            Map.entry("em", "italic"),
            Map.entry("u", "underline"),
            Map.entry("ins", "underline"),
            Map.entry("s", "strikethrough"),
            Map.entry("strike", "strikethrough"),
            Map.entry("del", "strikethrough"),
            Map.entry("tg-spoiler", "spoiler"),
            Map.entry("span", "spoiler"));

    private record OpenTag(String name, String argument, int offset, int firstEntity) {}

    HtmlParser(String in) {
      super(in);
    }

    @Override
    FormattedText parse() {
      Deque<OpenTag> open = new ArrayDeque<>();
      int i = 0;
      while (i < in.length()) {
        char c = in.charAt(i);
        if (c == '&') {
          int next = appendEntity(i, out);
          if (next > i) {
            i = next;
            continue;
          }
        }
        if (c != '<') {
          out.append(c);
          i++;
          continue;
        }
        if (at(i + 1) != '/') {
          i = startTag(i, open);
        } else {
          i = endTag(i, open);
        }
      }
      if (!open.isEmpty()) {
        throw new MarkupException(
            "Can't find end tag corresponding to start tag \"" + open.peek().name() + "\"");
      }
      entities.replaceAll(
          entity -> entity.type().equals("code") ? entity.withLanguage(null) : entity);
      return result();
    }

    private int startTag(int begin, Deque<OpenTag> open) {
      int i = begin + 1;
      while (i < in.length() && !isSpace(in.charAt(i)) && in.charAt(i) != '>') {
        i++;
      }
      if (i >= in.length()) {
        throw new MarkupException("Unclosed start tag at byte offset " + byteOffset(begin));
      }
      String name = in.substring(begin + 1, i).toLowerCase(Locale.ROOT);
      if (!TAGS.contains(name)) {
        throw new MarkupException(
            "Unsupported start tag \"" + name + "\" at byte offset " + byteOffset(begin));
      }
      String argument = "";
      while (at(i) != '>') {
        while (i < in.length() && isSpace(in.charAt(i))) {
          i++;
        }
        if (i >= in.length()) {
          throw new MarkupException("Unclosed start tag at byte offset " + byteOffset(begin));
        }
        if (in.charAt(i) == '>') {
          break;
        }
        int attributeBegin = i;
        while (!isSpace(at(i)) && at(i) != '=' && at(i) != '>') {
          i++;
        }
        String attribute = in.substring(attributeBegin, i).toLowerCase(Locale.ROOT);
        if (attribute.isEmpty()) {
          throw new MarkupException(
              "Empty attribute name in the tag \""
                  + name
                  + "\" at byte offset "
                  + byteOffset(begin));
        }
        while (i < in.length() && isSpace(in.charAt(i))) {
          i++;
        }
        if (at(i) != '=') {
          if (name.equals("blockquote") && attribute.equals("expandable")) {
            argument = "expandable";
            continue;
          }
          throw new MarkupException(
              "Expected equal sign in declaration of an attribute of the tag \""
                  + name
                  + "\" at byte offset "
                  + byteOffset(begin));
        }
        i++;
        while (i < in.length() && isSpace(in.charAt(i))) {
          i++;
        }
        if (i >= in.length()) {
          throw new MarkupException(
              "Unclosed start tag \"" + name + "\" at byte offset " + byteOffset(begin));
        }
        StringBuilder value = new StringBuilder();
        char quote = in.charAt(i);
        if (quote == '"' || quote == '\'') {
          i++;
          while (i < in.length() && in.charAt(i) != quote) {
            int next = in.charAt(i) == '&' ? appendEntity(i, value) : i;
            if (next == i) {
              value.append(in.charAt(i++));
            } else {
              i = next;
            }
          }
          if (i >= in.length()) {
            throw new MarkupException("Unclosed start tag at byte offset " + byteOffset(begin));
          }
          i++;
        } else {
          while (Character.isLetterOrDigit(at(i)) && at(i) < 128 || at(i) == '.' || at(i) == '-') {
            value.append(in.charAt(i++));
          }
          if (i < in.length() && !isSpace(in.charAt(i)) && in.charAt(i) != '>') {
            throw new MarkupException(
                "Unexpected end of name token at byte offset " + byteOffset(i));
          }
        }
        argument = attributeArgument(name, attribute, value.toString(), argument);
      }
      if (name.equals("span") && !argument.equals("tg-spoiler")) {
        throw new MarkupException(
            "Tag \"span\" must have class \"tg-spoiler\" at byte offset " + byteOffset(begin));
      }
      open.push(new OpenTag(name, argument, out.length(), entities.size()));
      return i + 1;
    }

    private static String attributeArgument(
        String tag, String attribute, String value, String current) {
      return switch (tag + " " + attribute) {
        case "a href", "span class", "tg-emoji emoji-id" -> value;
        case "code class" -> value.startsWith("language-") ? value.substring(9) : current;
        default -> current;
      };
    }

    private int endTag(int begin, Deque<OpenTag> open) {
      if (open.isEmpty()) {
        throw new MarkupException("Unexpected end tag at byte offset " + byteOffset(begin));
      }
      int i = begin + 2;
      while (i < in.length() && !isSpace(in.charAt(i)) && in.charAt(i) != '>') {
        i++;
      }
      String name = in.substring(begin + 2, i).toLowerCase(Locale.ROOT);
      while (i < in.length() && isSpace(in.charAt(i))) {
        i++;
      }
      if (at(i) != '>') {
        throw new MarkupException("Unclosed end tag at byte offset " + byteOffset(begin));
      }
      OpenTag tag = open.pop();
      if (!name.isEmpty() && !name.equals(tag.name())) {
        throw new MarkupException(
            "Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\""
                .formatted(byteOffset(begin), tag.name(), name));
      }
      close(tag);
      return i + 1;
    }

    private void close(OpenTag tag) {
      int length = out.length() - tag.offset();
      if (length == 0) {
        return;
      }
      String simpleType = SIMPLE_TYPES.get(tag.name());
      switch (tag.name()) {
        case "a" ->
            addLink(
                tag.argument().isEmpty() ? out.substring(tag.offset()) : tag.argument(),
                tag.offset());
        case "pre", "code" -> closeCode(tag, length);
        case "blockquote" ->
            entities.add(
                MessageEntity.of(
                    tag.argument().isEmpty() ? "blockquote" : "expandable_blockquote",
                    tag.offset(),
                    length));
        case "tg-emoji" -> {
          if (!tag.argument().matches("[1-9]\\d{0,18}")) {
            throw new MarkupException("Invalid custom emoji identifier specified");
          }
          entities.add(
              new MessageEntity(
                  "custom_emoji", tag.offset(), length, null, null, null, tag.argument()));
        }
        default -> entities.add(MessageEntity.of(simpleType, tag.offset(), length));
      }
    }

    /** pre and code with a language class spanning the same text become one pre with language. */
    private void closeCode(OpenTag tag, int length) {
      String language =
          tag.name().equals("code") && !tag.argument().isEmpty() ? tag.argument() : null;
      for (int index = tag.firstEntity(); index < entities.size(); index++) {
        MessageEntity inner = entities.get(index);
        if (inner.offset() != tag.offset() || inner.length() != length) {
          continue;
        }
        if (tag.name().equals("pre") && inner.type().equals("code") && inner.language() != null) {
          entities.set(
              index, MessageEntity.of("pre", tag.offset(), length).withLanguage(inner.language()));
          return;
        }
        if (language != null && inner.type().equals("pre") && inner.language() == null) {
          entities.set(index, inner.withLanguage(language));
          return;
        }
      }
      entities.add(MessageEntity.of(tag.name(), tag.offset(), length).withLanguage(language));
    }

    /** Decodes the entity at index into target; returns the next index, or index if none. */
    private int appendEntity(int index, StringBuilder target) {
      int i = index + 1;
      int codePoint;
      if (at(i) == '#') {
        i++;
        int radix = 10;
        if (at(i) == 'x' || at(i) == 'X') {
          radix = 16;
          i++;
        }
        int digitsBegin = i;
        long value = 0;
        while (Character.digit(at(i), radix) >= 0 && at(i) < 128) {
          value = Math.min(value * radix + Character.digit(at(i), radix), 0x110000);
          i++;
        }
        if (i == digitsBegin || value == 0 || value > 0x10FFFF) {
          return index;
        }
        codePoint = (int) value;
        if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
          throw new MarkupException(
              "Text contains invalid Unicode characters after decoding HTML entities, check for"
                  + " unmatched surrogate code units");
        }
      } else {
        int nameBegin = i;
        while (at(i) >= 'a' && at(i) <= 'z' || at(i) >= 'A' && at(i) <= 'Z') {
          i++;
        }
        codePoint =
            switch (in.substring(nameBegin, i)) {
              case "lt" -> '<';
              case "gt" -> '>';
              case "amp" -> '&';
              case "quot" -> '"';
              default -> -1;
            };
        if (codePoint < 0) {
          return index;
        }
      }
      if (at(i) == ';') {
        i++;
      }
      target.appendCodePoint(codePoint);
      return i;
    }
  }

  private static final class MarkdownV2Parser extends MarkupParser {
    private static final String RESERVED = "_*[]()~`>#+-=|{}.!";

    /** An entity being parsed; its name is TDLib's, used in "Can't find end of ..." errors. */
    private record OpenEntity(String name, String language, int offset, int byteIndex, int index) {}

    private final Deque<OpenEntity> open = new ArrayDeque<>();
    private int quoteStart = -1;
    private boolean quoteExpandable;
    private int quoteNesting;

    MarkdownV2Parser(String in) {
      super(in);
    }

    @Override
    FormattedText parse() {
      int i = 0;
      while (i < in.length()) {
        if (i == 0 || in.charAt(i - 1) == '\n' || in.charAt(i - 1) == '\r') {
          i = lineStart(i);
          if (i >= in.length()) {
            break;
          }
        }
        char c = in.charAt(i);
        if (c == '\\' && at(i + 1) > 0 && at(i + 1) <= 126) {
          out.append(in.charAt(i + 1));
          i += 2;
          continue;
        }
        boolean inCode = !open.isEmpty() && open.peek().name().matches("Code|Pre|PreCode");
        if ((inCode ? "`" : RESERVED).indexOf(c) < 0) {
          out.append(c);
          i++;
          continue;
        }
        if (quoteStart >= 0
            && c == '|'
            && at(i + 1) == '|'
            && !endsEntity(i)
            && lineEndsAt(i + 2)) {
          quoteExpandable = true;
          i += 2;
          continue;
        }
        i = endsEntity(i) ? closeEntity(i) : openEntity(i);
      }
      endQuote(in.length());
      if (!open.isEmpty()) {
        throw unclosed(open.peek());
      }
      return result();
    }

    /**
     * Handles the blockquote markers at the start of a line; returns where the line's text starts.
     */
    private int lineStart(int i) {
      boolean inCode = !open.isEmpty() && open.peek().name().matches("Code|Pre|PreCode");
      if (inCode) {
        return i;
      }
      if (in.startsWith("**>", i)) {
        endQuote(i);
        startQuote();
        return i + 3;
      }
      if (at(i) == '>') {
        if (quoteStart < 0) {
          startQuote();
        }
        return i + 1;
      }
      endQuote(i);
      return i;
    }

    private void startQuote() {
      quoteStart = out.length();
      quoteExpandable = false;
      quoteNesting = open.size();
    }

    private void endQuote(int index) {
      if (quoteStart < 0) {
        return;
      }
      if (open.size() > quoteNesting) {
        throw unclosed(open.peek());
      }
      if (out.length() > quoteStart) {
        entities.add(
            MessageEntity.of(
                quoteExpandable ? "expandable_blockquote" : "blockquote",
                quoteStart,
                out.length() - quoteStart));
      }
      quoteStart = -1;
    }

    private boolean lineEndsAt(int i) {
      return i >= in.length() || at(i) == '\n' || at(i) == '\r' && at(i + 1) == '\n';
    }

    private boolean endsEntity(int i) {
      if (open.isEmpty()) {
        return false;
      }
      char c = in.charAt(i);
      return switch (open.peek().name()) {
        case "Bold" -> c == '*';
        case "Italic" -> c == '_' && at(i + 1) != '_';
        case "Underline" -> c == '_' && at(i + 1) == '_';
        case "Strikethrough" -> c == '~';
        case "Spoiler" -> c == '|' && at(i + 1) == '|';
        case "Code" -> c == '`';
        case "Pre", "PreCode" -> c == '`' && at(i + 1) == '`' && at(i + 2) == '`';
        default -> c == ']';
      };
    }

    private int openEntity(int i) {
      char c = in.charAt(i);
      int begin = i;
      String name;
      String language = null;
      switch (c) {
        case '_' -> {
          name = at(i + 1) == '_' ? "Underline" : "Italic";
          i += name.equals("Underline") ? 2 : 1;
        }
        case '*' -> {
          name = "Bold";
          i++;
        }
        case '~' -> {
          name = "Strikethrough";
          i++;
        }
        case '|' -> {
          if (at(i + 1) != '|') {
            throw reserved(c);
          }
          name = "Spoiler";
          i += 2;
        }
        case '[' -> {
          name = "TextUrl";
          i++;
        }
        case '!' -> {
          if (at(i + 1) != '[') {
            throw reserved(c);
          }
          name = "CustomEmoji";
          i += 2;
        }
        case '`' -> {
          if (at(i + 1) == '`' && at(i + 2) == '`') {
            i += 3;
            name = "Pre";
            int languageEnd = i;
            while (!isSpace(at(languageEnd)) && at(languageEnd) != '`') {
              languageEnd++;
            }
            if (languageEnd != i && languageEnd < in.length() && at(languageEnd) != '`') {
              name = "PreCode";
              language = in.substring(i, languageEnd);
              i = languageEnd;
            }
            if (at(i) == '\n' || at(i) == '\r') {
              boolean pair = (at(i + 1) == '\n' || at(i + 1) == '\r') && at(i) != at(i + 1);
              i += pair ? 2 : 1;
            }
          } else {
            name = "Code";
            i++;
          }
        }
        default -> throw reserved(c);
      }
      open.push(new OpenEntity(name, language, out.length(), byteOffset(begin), begin));
      return i;
    }

    private int closeEntity(int i) {
      OpenEntity entity = open.pop();
      int length = out.length() - entity.offset();
      switch (entity.name()) {
        case "Underline", "Spoiler" -> i += 2;
        case "Pre", "PreCode" -> i += 3;
        case "TextUrl" -> {
          return closeLink(i + 1, entity);
        }
        case "CustomEmoji" -> {
          return closeCustomEmoji(i + 1, entity);
        }
        default -> i++;
      }
      if (length > 0) {
        String type =
            switch (entity.name()) {
              case "PreCode" -> "pre";
              case "Strikethrough", "Bold", "Italic", "Underline", "Spoiler", "Code", "Pre" ->
                  entity.name().toLowerCase(Locale.ROOT);
              default -> throw new IllegalStateException(entity.name());
            };
        entities.add(
            MessageEntity.of(type, entity.offset(), length).withLanguage(entity.language()));
      }
      return i;
    }

    private int closeLink(int i, OpenEntity entity) {
      String url;
      if (at(i) == '(') {
        int urlBegin = i + 1;
        int end = readUrl(urlBegin);
        if (end < 0) {
          throw new MarkupException(
              "Can't find end of a URL at byte offset " + byteOffset(urlBegin));
        }
        url = unescape(in.substring(urlBegin, end));
        i = end + 1;
      } else {
        url = out.substring(entity.offset());
      }
      addLink(url, entity.offset());
      return i;
    }

    private int closeCustomEmoji(int i, OpenEntity entity) {
      if (at(i) != '(') {
        throw new MarkupException("Custom emoji entity must contain a tg://emoji URL");
      }
      int end = readUrl(i + 1);
      if (end < 0) {
        throw new MarkupException(
            "Can't find end of a custom emoji URL at byte offset " + byteOffset(i + 1));
      }
      Matcher id =
          Pattern.compile("(?i)tg://emoji/?\\?(?:[^#]*&)?id=(\\d+)")
              .matcher(unescape(in.substring(i + 1, end)));
      if (!id.lookingAt()) {
        throw new MarkupException("Custom emoji URL must have an emoji identifier");
      }
      entities.add(
          new MessageEntity(
              "custom_emoji",
              entity.offset(),
              out.length() - entity.offset(),
              null,
              null,
              null,
              id.group(1)));
      return end + 1;
    }

    /** Index of the ')' ending a URL that starts at urlBegin, or -1. */
    private int readUrl(int urlBegin) {
      int i = urlBegin;
      while (i < in.length() && in.charAt(i) != ')') {
        i += in.charAt(i) == '\\' && at(i + 1) > 0 && at(i + 1) <= 126 ? 2 : 1;
      }
      return i < in.length() ? i : -1;
    }

    private static String unescape(String escaped) {
      return escaped.replaceAll("\\\\([\\x01-\\x7e])", "$1");
    }

    private static MarkupException reserved(char c) {
      return new MarkupException(
          "Character '" + c + "' is reserved and must be escaped with the preceding '\\'");
    }

    private static MarkupException unclosed(OpenEntity entity) {
      return new MarkupException(
          "Can't find end of " + entity.name() + " entity at byte offset " + entity.byteIndex());
    }
  }

  private static final class LegacyMarkdownParser extends MarkupParser {
    LegacyMarkdownParser(String in) {
      super(in);
    }

    @Override
    FormattedText parse() {
      int i = 0;
      while (i < in.length()) {
        char c = in.charAt(i);
        if (c == '\\' && "_*`[".indexOf(at(i + 1)) >= 0 && i + 1 < in.length()) {
          out.append(in.charAt(i + 1));
          i += 2;
          continue;
        }
        if ("_*`[".indexOf(c) < 0) {
          out.append(c);
          i++;
          continue;
        }
        i = entity(i);
      }
      return result();
    }

    private int entity(int begin) {
      char c = in.charAt(begin);
      char end = c == '[' ? ']' : c;
      int offset = out.length();
      int i = begin + 1;
      boolean pre = c == '`' && at(i) == '`' && at(i + 1) == '`';
      String language = null;
      if (pre) {
        i += 2;
        int languageEnd = i;
        while (!isSpace(at(languageEnd)) && at(languageEnd) != '`') {
          languageEnd++;
        }
        if (languageEnd != i && languageEnd < in.length() && at(languageEnd) != '`') {
          language = in.substring(i, languageEnd);
          i = languageEnd;
        }
        if (at(i) == '\n' || at(i) == '\r') {
          boolean pair = (at(i + 1) == '\n' || at(i + 1) == '\r') && at(i) != at(i + 1);
          i += pair ? 2 : 1;
        }
      }
      while (i < in.length() && (at(i) != end || pre && !(at(i + 1) == '`' && at(i + 2) == '`'))) {
        out.append(in.charAt(i++));
      }
      if (i >= in.length()) {
        throw new MarkupException(
            "Can't find end of the entity starting at byte offset " + byteOffset(begin));
      }
      i += pre ? 3 : 1;
      int length = out.length() - offset;
      if (c == '[') {
        String url = out.substring(offset);
        if (at(i) == '(') {
          int close = in.indexOf(')', i + 1);
          int urlEnd = close < 0 ? in.length() : close;
          url = in.substring(i + 1, urlEnd);
          i = close < 0 ? in.length() : close + 1;
        }
        addLink(url, offset);
      } else if (length > 0) {
        String type =
            switch (c) {
              case '_' -> "italic";
              case '*' -> "bold";
              default -> pre ? "pre" : "code";
            };
        entities.add(MessageEntity.of(type, offset, length).withLanguage(language));
      }
      return i;
    }
  }
}
