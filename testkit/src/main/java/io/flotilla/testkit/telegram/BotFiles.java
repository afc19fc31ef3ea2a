package io.flotilla.testkit.telegram;

import io.flotilla.testkit.telegram.BotApiTypes.Document;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The files one bot can use: those it uploaded and those users sent it. A file_id is valid only for
 * the bot that received it, as on Telegram. Guarded by the monitor of the owning {@link BotState}.
 */
final class BotFiles {
  /** Bot API servers without --local refuse getFile above 20 MB ("file is too big"). */
  static final long MAX_DOWNLOAD_BYTES = 20L << 20;

  record StoredFile(Document document, byte[] content) {}

  private final Map<String, StoredFile> byId = new HashMap<>();
  private final Map<String, String> idByPath = new HashMap<>();
  private final Map<String, String> pathById = new HashMap<>();

  /**
   * Stores a file and returns its Document.
   *
   * @param fromBot whether the bot uploaded it; file ids of a bot's uploads and of files sent to it
   *     differ in their prefix, as on Telegram
   */
  Document store(String fileName, String mimeType, byte[] content, Long size, boolean fromBot) {
    Document document =
        new Document(fileName, mimeType, newFileId(fromBot), newFileUniqueId(), size);
    byId.put(document.fileId(), new StoredFile(document, content.clone()));
    return document;
  }

  StoredFile get(String fileId) {
    return byId.get(fileId);
  }

  /**
   * The file_path getFile returns, assigned on the first call like the server's download directory:
   * {@code documents/file_N.ext}.
   */
  String pathOf(String fileId) {
    return pathById.computeIfAbsent(
        fileId,
        id -> {
          String name = byId.get(id).document().fileName();
          int dot = name == null ? -1 : name.lastIndexOf('.');
          String extension = dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
          String path = "documents/file_" + pathById.size() + extension;
          idByPath.put(path, id);
          return path;
        });
  }

  /** The content at a file_path getFile returned, or null. */
  byte[] contentAt(String path) {
    String fileId = idByPath.get(path);
    return fileId == null ? null : byId.get(fileId).content().clone();
  }

  private static String newFileId(boolean fromBot) {
    return (fromBot ? "BQACAgIAAxkDAAI" : "BQACAgIAAxkBAAI") + BotApiMethods.randomBase64Url(54);
  }

  private static String newFileUniqueId() {
    return "AgAD" + BotApiMethods.randomBase64Url(12);
  }
}
