package io.flotilla.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.testkit.telegram.BotApiTypes.MessageEntity;
import io.flotilla.testkit.telegram.BotApiTypes.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
      words("mention hashtag cashtag bot_command url email phone_number bank_card_number");
  private static final Set<String> EXPLICIT_TYPES =
      words(
          "bold italic underline strikethrough spoiler code pre text_link text_mention"
              + " custom_emoji blockquote expandable_blockquote");
  private static final Set<String> NO_DETECTION_INSIDE =
      words("code pre text_link text_mention custom_emoji");
  // TDLib orders entities of equal offset and length by type, in this order.
  private static final List<String> TYPE_ORDER =
      List.of(
          ("blockquote expandable_blockquote pre code text_link text_mention mention hashtag"
                  + " cashtag bot_command url email phone_number bank_card_number bold italic"
                  + " underline strikethrough spoiler custom_emoji")
              .split(" "));
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
        case "html" -> new HtmlMarkupParser(text).parse();
        case "markdownv2" -> new MarkdownV2MarkupParser(text).parse();
        case "markdown" -> new LegacyMarkdownParser(text).parse();
        default -> throw BotApiException.badRequest("unsupported parse_mode");
      };
    } catch (MarkupParser.MarkupException e) {
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

  static List<MessageEntity> sorted(List<MessageEntity> entities) {
    List<MessageEntity> sorted = new ArrayList<>(entities);
    sorted.sort(
        Comparator.comparingInt(MessageEntity::offset)
            .thenComparing(Comparator.comparingInt(MessageEntity::length).reversed())
            .thenComparingInt(FormattedText::priority));
    return sorted;
  }

  private static int priority(MessageEntity entity) {
    // A pre with a language goes before one without.
    int rank = 2 * TYPE_ORDER.indexOf(entity.type());
    return entity.language() != null ? rank - 1 : rank;
  }

  static Set<String> words(String spaceSeparated) {
    return Set.of(spaceSeparated.split(" "));
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
    } catch (IOException e) {
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
        user =
            new User(userId, false, "", null, null, null, null, null, null, null, null, null, null);
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
    String lower = link.toLowerCase(Locale.ROOT);
    if (lower.startsWith("tg:") || lower.startsWith("ton:")) {
      return link;
    }
    int schemeEnd = link.indexOf("://");
    String scheme = schemeEnd < 0 ? "http" : lower.substring(0, schemeEnd);
    String rest = schemeEnd < 0 ? link : link.substring(schemeEnd + 3);
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
}
