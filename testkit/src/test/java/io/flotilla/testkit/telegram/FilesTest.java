package io.flotilla.testkit.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.testkit.telegram.BotApiClient.Answer;
import io.flotilla.testkit.telegram.BotApiClient.Download;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FilesTest {
  private static final TelegramUser BOB = new TelegramUser(9301, "Bob", "bob", "de");
  private static final byte[] CSV = "code\nAAA-111\nBBB-222\n".getBytes(StandardCharsets.UTF_8);
  private static TelegramBotApiEmulator emulator;
  private static BotApiClient client;

  @BeforeAll
  static void start() {
    emulator = TelegramBotApiEmulator.start(0);
    client = new BotApiClient(emulator.baseUrl());
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void aDocumentTheUserSendsCanBeDownloadedByTheBot() {
    String token = emulator.registerBot("importer_bot").token();

    emulator.userSendsDocument(token, BOB, "codes.csv", CSV, "New stock /import");

    JsonNode message = client.form(token, "getUpdates", Map.of()).result().get(0).get("message");
    JsonNode document = message.get("document");
    assertThat(document.get("file_name").asText()).isEqualTo("codes.csv");
    assertThat(document.get("mime_type").asText()).isEqualTo("text/csv");
    assertThat(document.get("file_size").asLong()).isEqualTo(CSV.length);
    assertThat(message.get("caption").asText()).isEqualTo("New stock /import");
    assertThat(message.get("caption_entities").toString())
        .isEqualTo("[{\"type\":\"bot_command\",\"offset\":10,\"length\":7}]");
    assertThat(message.has("text")).isFalse();
    assertThat(message.at("/from/id").asLong()).isEqualTo(BOB.id());

    JsonNode file =
        client.form(token, "getFile", Map.of("file_id", document.get("file_id").asText())).result();
    String path = file.get("file_path").asText();
    Download download = client.download("/file/bot" + token + "/" + path);

    assertThat(file.get("file_id").asText()).isEqualTo(document.get("file_id").asText());
    assertThat(file.get("file_unique_id").asText())
        .isEqualTo(document.get("file_unique_id").asText());
    assertThat(file.get("file_size").asLong()).isEqualTo(CSV.length);
    assertThat(path).matches("documents/file_\\d+\\.csv");
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(CSV);
  }

  @Test
  void downloadsNeedTheBotsTokenAndAKnownPath() {
    String token = emulator.registerBot("careful_download_bot").token();
    String otherToken = emulator.registerBot("other_download_bot").token();
    String fileId = emulator.userSendsDocument(token, BOB, "a.txt", CSV, null).document().fileId();
    String path =
        client.form(token, "getFile", Map.of("file_id", fileId)).result().get("file_path").asText();

    Download wrongToken = client.download("/file/bot" + otherToken + "/" + path);
    Download unknownPath = client.download("/file/bot" + token + "/documents/file_99.txt");
    Answer foreignFileId = client.form(otherToken, "getFile", Map.of("file_id", fileId));

    assertThat(wrongToken.status()).isEqualTo(404);
    assertThat(new String(wrongToken.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
    assertThat(unknownPath.status()).isEqualTo(404);
    assertThat(foreignFileId.description()).isEqualTo("Bad Request: invalid file_id");
  }

  @Test
  void getFileRefusesFilesAbove20MegabytesAndMissingIds() {
    String token = emulator.registerBot("big_file_bot").token();
    byte[] justAllowed = new byte[20 << 20];
    byte[] tooBig = new byte[(20 << 20) + 1];
    String allowedId =
        emulator.userSendsDocument(token, BOB, "a.bin", justAllowed, null).document().fileId();
    String tooBigId =
        emulator.userSendsDocument(token, BOB, "b.bin", tooBig, null).document().fileId();

    assertThat(client.form(token, "getFile", Map.of("file_id", allowedId)).status()).isEqualTo(200);
    assertThat(client.form(token, "getFile", Map.of("file_id", tooBigId)).description())
        .isEqualTo("Bad Request: file is too big");
    assertThat(client.form(token, "getFile", Map.of()).description())
        .isEqualTo("Bad Request: file_id not specified");
    assertThat(client.form(token, "getFile", Map.of("file_id", "nope")).description())
        .isEqualTo("Bad Request: invalid file_id");
    assertThatThrownBy(() -> emulator.userSendsDocument(token, BOB, "empty.txt", new byte[0], null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDocumentTheBotUploadedCanBeDownloadedToo() {
    String token = emulator.registerBot("uploader_bot").token();
    emulator.userSendsText(token, BOB, "report please");
    String fileId =
        client
            .multipart(
                token,
                "sendDocument",
                Map.of("chat_id", Long.toString(BOB.id())),
                "document",
                "report.csv",
                CSV)
            .result()
            .at("/document/file_id")
            .asText();

    String path =
        client.form(token, "getFile", Map.of("file_id", fileId)).result().get("file_path").asText();

    assertThat(client.download("/file/bot" + token + "/" + path).body()).isEqualTo(CSV);
  }
}
