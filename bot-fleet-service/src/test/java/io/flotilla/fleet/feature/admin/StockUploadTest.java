package io.flotilla.fleet.feature.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.fleet.feature.admin.StockImportModule.Upload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines of a stock file as they are uploaded, and the duplicates left out, by file line. */
class StockUploadTest {

  @Test
  void aTextFilesRepeatsAreLeftOutAtOnceWithTheirLineNumbers() {
    Upload upload = Upload.of("A\r\n B \nA\n\nB\nC\n", false);

    assertThat(upload.duplicates()).containsExactly(3, 5);
    assertThat(upload.lineCount()).isEqualTo(6);
    assertThat(upload.itemCount()).isEqualTo(3);
    assertThat(new String(upload.body(), StandardCharsets.UTF_8)).isEqualTo("A\n B \n\nC\n");
  }

  @Test
  void linesTheInventoryRefusesAreLeftOutByTheirNumberInTheLastUpload() {
    Upload first = Upload.of("A\nB\nA\nC\nD\n", false);
    // Uploaded: A, B, C, D (file lines 1, 2, 4, 5); the inventory has B and D (upload lines 2, 4).
    Upload second = first.without(List.of(2, 4));

    assertThat(second.duplicates()).containsExactly(2, 3, 5);
    assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("A\nC\n");
    assertThat(second.without(List.of(1, 2)).isEmpty()).isTrue();
  }

  @Test
  void aCsvFileIsLeftForTheInventoryToRead() {
    Upload upload = Upload.of("code\n\"A,1\"\n\"A,1\"\n", true);

    assertThat(upload.duplicates()).isEmpty();
    assertThat(upload.itemCount()).isEqualTo(3);
  }
}
