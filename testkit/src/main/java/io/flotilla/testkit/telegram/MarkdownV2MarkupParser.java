package io.flotilla.testkit.telegram;

import io.flotilla.testkit.telegram.BotApiTypes.MessageEntity;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** parse_mode MarkdownV2, as TDLib's parse_markdown_v2, including its reserved characters. */
final class MarkdownV2MarkupParser extends MarkupParser {
  private static final String RESERVED = "_*[]()~`>#+-=|{}.!";

  /** An entity being parsed; its name is TDLib's, used in "Can't find end of ..." errors. */
  private record OpenEntity(String name, String language, int offset, int byteOffset) {}

  private final Deque<OpenEntity> open = new ArrayDeque<>();
  private int quoteStart = -1;
  private boolean quoteExpandable;
  private int quoteNesting;

  MarkdownV2MarkupParser(String in) {
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
      if (quoteStart >= 0 && c == '|' && at(i + 1) == '|' && !endsEntity(i) && lineEndsAt(i + 2)) {
        quoteExpandable = true;
        i += 2;
        continue;
      }
      i = endsEntity(i) ? closeEntity(i) : openEntity(i);
    }
    endQuote();
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
      endQuote();
      startQuote();
      return i + 3;
    }
    if (at(i) == '>') {
      if (quoteStart < 0) {
        startQuote();
      }
      return i + 1;
    }
    endQuote();
    return i;
  }

  private void startQuote() {
    quoteStart = out.length();
    quoteExpandable = false;
    quoteNesting = open.size();
  }

  private void endQuote() {
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
          PreStart pre = preStart(i + 3);
          language = pre.language();
          name = language == null ? "Pre" : "PreCode";
          i = pre.textBegin();
        } else {
          name = "Code";
          i++;
        }
      }
      default -> throw reserved(c);
    }
    open.push(new OpenEntity(name, language, out.length(), byteOffset(begin)));
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
      entities.add(MessageEntity.of(type, entity.offset(), length).withLanguage(entity.language()));
    }
    return i;
  }

  private int closeLink(int i, OpenEntity entity) {
    String url;
    if (at(i) == '(') {
      int urlBegin = i + 1;
      int end = readUrl(urlBegin);
      if (end < 0) {
        throw new MarkupException("Can't find end of a URL at byte offset " + byteOffset(urlBegin));
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
        "Can't find end of " + entity.name() + " entity at byte offset " + entity.byteOffset());
  }
}
