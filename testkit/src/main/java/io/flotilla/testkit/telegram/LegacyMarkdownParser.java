package io.flotilla.testkit.telegram;

import io.flotilla.testkit.telegram.BotApiTypes.MessageEntity;

/** parse_mode Markdown, the legacy variant without nesting, as TDLib's parse_markdown. */
final class LegacyMarkdownParser extends MarkupParser {
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
      PreStart start = preStart(i + 2);
      language = start.language();
      i = start.textBegin();
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
