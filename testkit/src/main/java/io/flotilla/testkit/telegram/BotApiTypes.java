package io.flotilla.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Bot API objects as the emulator returns them. Serialized with snake_case names and without null
 * fields, so every component maps to the field of the same name in core.telegram.org/bots/api.
 */
public final class BotApiTypes {
  private BotApiTypes() {}

  public record User(
      long id,
      boolean isBot,
      String firstName,
      String lastName,
      String username,
      String languageCode,
      Boolean canJoinGroups,
      Boolean canReadAllGroupMessages,
      Boolean supportsInlineQueries,
      Boolean canConnectToBusiness,
      Boolean hasMainWebApp,
      Boolean hasTopicsEnabled) {

    static User human(TelegramUser user) {
      return new User(
          user.id(),
          false,
          user.firstName(),
          null,
          user.username(),
          user.languageCode(),
          null,
          null,
          null,
          null,
          null,
          null);
    }

    static User bot(long id, String firstName, String username) {
      return new User(
          id, true, firstName, null, username, null, null, null, null, null, null, null);
    }

    /** getMe is the only place where the capability flags of a bot are returned. */
    User withBotCapabilities() {
      return new User(
          id, true, firstName, null, username, null, true, false, false, false, false, false);
    }
  }

  public record Chat(long id, String firstName, String lastName, String username, String type) {
    static Chat privateChatWith(TelegramUser user) {
      return new Chat(user.id(), user.firstName(), null, user.username(), "private");
    }
  }

  public record MessageEntity(
      String type,
      int offset,
      int length,
      String url,
      User user,
      String language,
      String customEmojiId) {

    static MessageEntity of(String type, int offset, int length) {
      return new MessageEntity(type, offset, length, null, null, null, null);
    }

    MessageEntity withBounds(int newOffset, int newLength) {
      return new MessageEntity(type, newOffset, newLength, url, user, language, customEmojiId);
    }

    MessageEntity withLanguage(String newLanguage) {
      return new MessageEntity(type, offset, length, url, user, newLanguage, customEmojiId);
    }
  }

  public record Document(
      String fileName, String mimeType, String fileId, String fileUniqueId, Long fileSize) {}

  public record Message(
      long messageId,
      User from,
      Chat chat,
      long date,
      Long editDate,
      Message replyToMessage,
      String text,
      List<MessageEntity> entities,
      Document document,
      String caption,
      List<MessageEntity> captionEntities,
      Boolean hasProtectedContent,
      JsonNode replyMarkup) {

    /** A message quoted in reply_to_message carries no reply of its own, as in the real API. */
    Message withoutReply() {
      return replyToMessage == null ? this : withReplyTo(null);
    }

    Message withReplyTo(Message replied) {
      return new Message(
          messageId,
          from,
          chat,
          date,
          editDate,
          replied,
          text,
          entities,
          document,
          caption,
          captionEntities,
          hasProtectedContent,
          replyMarkup);
    }

    /**
     * The message after an edit; a text edit keeps a document's caption, a caption edit its text.
     */
    Message edited(
        long newEditDate, String newText, List<MessageEntity> newEntities, JsonNode markup) {
      return new Message(
          messageId,
          from,
          chat,
          date,
          newEditDate,
          replyToMessage,
          newText,
          newEntities,
          document,
          caption,
          captionEntities,
          hasProtectedContent,
          markup);
    }
  }

  public record CallbackQuery(
      String id, User from, Message message, String chatInstance, String data) {}

  public record ChatMember(String status, User user, Long untilDate) {}

  public record ChatMemberUpdated(
      Chat chat, User from, long date, ChatMember oldChatMember, ChatMember newChatMember) {}

  public record Update(
      long updateId, Message message, CallbackQuery callbackQuery, ChatMemberUpdated myChatMember) {

    /** The allowed_updates name of this update. */
    static String typeOf(Update update) {
      if (update.message != null) {
        return "message";
      }
      return update.callbackQuery != null ? "callback_query" : "my_chat_member";
    }
  }

  public record WebhookInfo(
      String url,
      boolean hasCustomCertificate,
      int pendingUpdateCount,
      Long lastErrorDate,
      String lastErrorMessage,
      Integer maxConnections,
      String ipAddress,
      List<String> allowedUpdates) {}
}
