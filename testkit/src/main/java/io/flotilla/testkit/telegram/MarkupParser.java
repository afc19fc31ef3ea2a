package io.flotilla.testkit.telegram;

import io.flotilla.testkit.telegram.BotApiTypes.MessageEntity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Shared by the three markup parsers: output text, entities and byte offsets for errors. */
abstract class MarkupParser {
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

  /** Where the text of a pre block begins, and its language (null when it has none). */
  record PreStart(int textBegin, String language) {}

  /**
   * After an opening ```, a word before the first space or line break is the language, and one line
   * break is skipped.
   */
  PreStart preStart(int i) {
    int languageEnd = i;
    while (!isSpace(at(languageEnd)) && at(languageEnd) != '`') {
      languageEnd++;
    }
    String language = null;
    if (languageEnd != i && languageEnd < in.length() && at(languageEnd) != '`') {
      language = in.substring(i, languageEnd);
      i = languageEnd;
    }
    if (at(i) == '\n' || at(i) == '\r') {
      boolean pair = (at(i + 1) == '\n' || at(i + 1) == '\r') && at(i) != at(i + 1);
      i += pair ? 2 : 1;
    }
    return new PreStart(i, language);
  }

  void addLink(String url, int offset) {
    String link = FormattedText.normalizedLink(url);
    if (link != null && out.length() > offset) {
      entities.add(
          new MessageEntity("text_link", offset, out.length() - offset, link, null, null, null));
    }
  }

  FormattedText result() {
    return new FormattedText(out.toString(), FormattedText.sorted(entities));
  }

  /**
   * A markup error; its message is TDLib's, which the Bot API appends to "can't parse entities".
   */
  static final class MarkupException extends RuntimeException {
    MarkupException(String message) {
      super(message, null, false, false);
    }
  }
}
