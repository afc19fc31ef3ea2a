package io.flotilla.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.testkit.telegram.BotApiTypes.MessageEntity;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected texts, entities and error messages are TDLib's, from its message entity tests. */
class FormattedTextTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void htmlTagsBecomeEntitiesWithUtf16Offsets() {
    FormattedText text =
        parse(
            "\uD83D\uDE00 <b>bold <i>both</i></b> <a href=\"example.com\">link</a> <s>x</s>",
            "HTML");

    assertThat(text.text()).isEqualTo("\uD83D\uDE00 bold both link x");
    assertThat(text.entities())
        .containsExactly(
            MessageEntity.of("bold", 3, 9),
            MessageEntity.of("italic", 8, 4),
            new MessageEntity("text_link", 13, 4, "http://example.com/", null, null, null),
            MessageEntity.of("strikethrough", 18, 1));
  }

  @Test
  void htmlPreWithLanguageClassBecomesOnePreEntity() {
    FormattedText text =
        parse("<pre><code class=\"language-java\">int x;</code></pre> <code>y</code>", "HTML");

    assertThat(text.text()).isEqualTo("int x; y");
    assertThat(text.entities())
        .containsExactly(
            MessageEntity.of("pre", 0, 6).withLanguage("java"), MessageEntity.of("code", 7, 1));
  }

  @Test
  void htmlEntitiesAreDecodedAndUnknownOnesKept() {
    assertThat(parse("&lt;&gt;&amp;&quot;&#65;&#x42;&laquo;&lt", "html").text())
        .isEqualTo("<>&\"AB&laquo;<");
  }

  @Test
  void htmlErrorsAreTelegrams() {
    Map.of(
            "a < b", "Unsupported start tag \"\" at byte offset 2",
            "<b>x", "Can't find end tag corresponding to start tag \"b\"",
            "<b>x</i>", "Unmatched end tag at byte offset 4, expected \"</b>\", found \"</i>\"",
            "x</b>", "Unexpected end tag at byte offset 1",
            "<b>x</b", "Unclosed end tag at byte offset 4",
            "\uD83C\uDFDF \uD83C\uDFDF&lt;<abacaba", "Unclosed start tag at byte offset 13",
            "<i aba>x</i>",
                "Expected equal sign in declaration of an attribute of the tag \"i\" at byte offset 0",
            "<span>x</span>", "Tag \"span\" must have class \"tg-spoiler\" at byte offset 0",
            "<p>x</p>", "Unsupported start tag \"p\" at byte offset 0")
        .forEach(
            (html, error) ->
                assertThatThrownBy(() -> parse(html, "HTML"))
                    .as(html)
                    .isInstanceOf(BotApiException.class)
                    .hasMessage("Bad Request: can't parse entities: " + error));
  }

  @Test
  void markdownV2SupportsAllEntityKinds() {
    FormattedText text =
        parse(
            "*b* _i_ __u__ ~s~ ||p|| `c` [l](https://t.me/x\\)y) ```py\nprint()``` 1\\.0",
            "MarkdownV2");

    assertThat(text.text()).isEqualTo("b i u s p c l print() 1.0");
    assertThat(text.entities())
        .containsExactly(
            MessageEntity.of("bold", 0, 1),
            MessageEntity.of("italic", 2, 1),
            MessageEntity.of("underline", 4, 1),
            MessageEntity.of("strikethrough", 6, 1),
            MessageEntity.of("spoiler", 8, 1),
            MessageEntity.of("code", 10, 1),
            new MessageEntity("text_link", 12, 1, "https://t.me/x)y", null, null, null),
            MessageEntity.of("pre", 14, 7).withLanguage("py"));
  }

  @Test
  void markdownV2BlockquotesSpanConsecutiveQuotedLines() {
    FormattedText text = parse("abc\n>quoted\n>lines\ndef", "MarkdownV2");

    assertThat(text.text()).isEqualTo("abc\nquoted\nlines\ndef");
    assertThat(text.entities()).containsExactly(MessageEntity.of("blockquote", 4, 13));
  }

  @Test
  void markdownV2ErrorsAreTelegrams() {
    Map.of(
            "Version 1.0", "Character '.' is reserved and must be escaped with the preceding '\\'",
            "a-b", "Character '-' is reserved and must be escaped with the preceding '\\'",
            "\uD83C\uDFDF \uD83C\uDFDF_abacaba", "Can't find end of Italic entity at byte offset 9",
            "\uD83C\uDFDF \uD83C\uDFDF```a ", "Can't find end of PreCode entity at byte offset 9",
            "[telegram\\.org](asd", "Can't find end of a URL at byte offset 16",
            ">*b\n>ld\nx*", "Can't find end of Bold entity at byte offset 1")
        .forEach(
            (markdown, error) ->
                assertThatThrownBy(() -> parse(markdown, "MarkdownV2"))
                    .as(markdown)
                    .hasMessage("Bad Request: can't parse entities: " + error));
  }

  @Test
  void legacyMarkdownHasNoNestingAndFewerReservedCharacters() {
    FormattedText text = parse("*bold* _it_ `code` [site](example.com) 1.0 - ok", "Markdown");

    assertThat(text.text()).isEqualTo("bold it code site 1.0 - ok");
    assertThat(text.entities())
        .containsExactly(
            MessageEntity.of("bold", 0, 4),
            MessageEntity.of("italic", 5, 2),
            MessageEntity.of("code", 8, 4),
            new MessageEntity("text_link", 13, 4, "http://example.com/", null, null, null));
    assertThatThrownBy(() -> parse("fine *unclosed", "markdown"))
        .hasMessage(
            "Bad Request: can't parse entities: Can't find end of the entity starting at byte"
                + " offset 5");
  }

  @Test
  void explicitEntitiesAreUsedWithoutParseMode() {
    FormattedText text =
        FormattedText.parse(
            "Tap here",
            "",
            "[{\"type\":\"bold\",\"offset\":4,\"length\":4},{\"type\":\"url\",\"offset\":0,\"length\":1}]",
            JSON);

    assertThat(text.entities()).containsExactly(MessageEntity.of("bold", 4, 4));
  }

  @Test
  void finishingTrimsDetectsCommandsAndLinksAndLimitsTheLength() {
    FormattedText text =
        FormattedText.plain("  Use /help@shop_bot or see https://example.com/faq.  ")
            .finish(FormattedText.MAX_TEXT_LENGTH, "message is too long");

    assertThat(text.text()).isEqualTo("Use /help@shop_bot or see https://example.com/faq.");
    assertThat(text.entities())
        .containsExactly(MessageEntity.of("bot_command", 4, 14), MessageEntity.of("url", 26, 23));
    assertThatThrownBy(() -> FormattedText.plain(" \n ").finish(4096, "message is too long"))
        .hasMessage("Bad Request: message must be non-empty");
    assertThatThrownBy(
            () -> FormattedText.plain("x".repeat(4097)).finish(4096, "message is too long"))
        .hasMessage("Bad Request: message is too long");
  }

  private static FormattedText parse(String text, String parseMode) {
    return FormattedText.parse(text, parseMode, "", JSON);
  }
}
