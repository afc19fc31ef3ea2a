package io.flotilla.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportFormatTest {

  private static final int MAX = 10;

  @Test
  void aTextLineIsItsTrimmedSelf() {
    assertThat(ImportFormat.TEXT.parse("  KEY-1 \t", MAX).item()).isEqualTo("KEY-1");
    assertThat(ImportFormat.TEXT.parse("user,pass", MAX).item()).isEqualTo("user,pass");
    assertThat(ImportFormat.TEXT.parse("a\tb", MAX).item()).isEqualTo("a\tb");
  }

  @Test
  void blankLinesAreSkipped() {
    assertThat(ImportFormat.TEXT.parse("   ", MAX).isBlank()).isTrue();
    assertThat(ImportFormat.CSV.parse("\"\"", MAX).isBlank()).isTrue();
  }

  @Test
  void overLongItemsAndControlCharactersAreRefused() {
    assertThat(ImportFormat.TEXT.parse("12345678901", MAX).error()).isEqualTo("too-long");
    assertThat(ImportFormat.TEXT.parse("1234567890", MAX).item()).isEqualTo("1234567890");
    assertThat(ImportFormat.TEXT.parse("ab\u0000cd", MAX).error()).isEqualTo("control-character");
  }

  @Test
  void aCsvLineHoldsOneFieldQuotedWhenItMustBe() {
    assertThat(ImportFormat.CSV.parse("KEY-2", MAX).item()).isEqualTo("KEY-2");
    assertThat(ImportFormat.CSV.parse("\"u,p\"", MAX).item()).isEqualTo("u,p");
    assertThat(ImportFormat.CSV.parse("\"say \"\"hi\"\"\"", 20).item()).isEqualTo("say \"hi\"");
  }

  @Test
  void malformedCsvLinesAreRefused() {
    assertThat(ImportFormat.CSV.parse("a,b", MAX).error()).isEqualTo("several-fields");
    assertThat(ImportFormat.CSV.parse("\"a\",b", MAX).error()).isEqualTo("several-fields");
    assertThat(ImportFormat.CSV.parse("\"open", MAX).error()).isEqualTo("unbalanced-quote");
    assertThat(ImportFormat.CSV.parse("mid\"quote", MAX).error()).isEqualTo("unbalanced-quote");
    assertThat(ImportFormat.CSV.parse("\"a\"b", MAX).error()).isEqualTo("unbalanced-quote");
  }

  @Test
  void theCsvHeaderIsRecognised() {
    assertThat(ImportFormat.isCsvHeader(" Code ")).isTrue();
    assertThat(ImportFormat.isCsvHeader("codes")).isFalse();
  }

  @Test
  void linesEndInLfOrCrLfAndTheLastNeedsNoEnd() throws IOException {
    assertThat(lines("a\r\nb\n\nc", 100))
        .containsExactly(
            new LineReader.Line(1, "a", false),
            new LineReader.Line(2, "b", false),
            new LineReader.Line(3, "", false),
            new LineReader.Line(4, "c", false));
    assertThat(lines("", 100)).isEmpty();
    assertThat(lines("x\n", 100)).containsExactly(new LineReader.Line(1, "x", false));
  }

  @Test
  void anOverLongLineIsCutFlaggedAndTheNextLineIsIntact() throws IOException {
    List<LineReader.Line> lines = lines("x".repeat(50_000) + "\nnext\n", 8);

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).tooLong()).isTrue();
    assertThat(lines.get(0).text()).hasSizeLessThanOrEqualTo(9);
    assertThat(lines.get(1)).isEqualTo(new LineReader.Line(2, "next", false));
  }

  private static List<LineReader.Line> lines(String input, int maxLength) throws IOException {
    LineReader reader = new LineReader(new StringReader(input), maxLength);
    List<LineReader.Line> lines = new ArrayList<>();
    for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
      lines.add(line);
    }
    return lines;
  }
}
