package io.flotilla.testkit.telegram;

import io.flotilla.testkit.telegram.BotApiTypes.MessageEntity;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

/** parse_mode HTML, as TDLib's parse_html: the tags and entities the Bot API documents. */
final class HtmlMarkupParser extends MarkupParser {
  private static final Set<String> TAGS =
      FormattedText.words(
          "a b strong i em s strike del u ins tg-spoiler tg-emoji span pre code blockquote");

  private record OpenTag(String name, String argument, int offset, int firstEntity) {}

  HtmlMarkupParser(String in) {
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
            "Empty attribute name in the tag \"" + name + "\" at byte offset " + byteOffset(begin));
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
          throw new MarkupException("Unexpected end of name token at byte offset " + byteOffset(i));
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
      default -> entities.add(MessageEntity.of(simpleType(tag.name()), tag.offset(), length));
    }
  }

  private static String simpleType(String tag) {
    return switch (tag) {
      case "b", "strong" -> "bold";
      case "i", "em" -> "italic";
      case "u", "ins" -> "underline";
      case "s", "strike", "del" -> "strikethrough";
      default -> "spoiler";
    };
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
