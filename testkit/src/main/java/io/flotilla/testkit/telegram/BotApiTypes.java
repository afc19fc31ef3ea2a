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
      Boolean hasTopicsEnabled,
      Boolean canManageBots) {

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
          null,
          null);
    }

    static User bot(long id, String firstName, String username) {
      return new User(
          id, true, firstName, null, username, null, null, null, null, null, null, null, null);
    }

    /**
     * getMe is the only place where the capability flags of a bot are returned.
     *
     * @param canManageBots whether Bot Management Mode is on, so users can create bots it manages
     */
    User withBotCapabilities(boolean canManageBots) {
      return new User(
          id,
          true,
          firstName,
          null,
          username,
          null,
          true,
          false,
          false,
          false,
          false,
          false,
          canManageBots);
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

  /** What getFile returns; file_path is the part after {@code /file/bot<token>/}. */
  public record File(String fileId, String fileUniqueId, Long fileSize, String filePath) {}

  public record Invoice(
      String title, String description, String startParameter, String currency, long totalAmount) {}

  public record SuccessfulPayment(
      String currency,
      long totalAmount,
      String invoicePayload,
      String telegramPaymentChargeId,
      String providerPaymentChargeId) {}

  /** provider_payment_charge_id is left out for Telegram Stars, as the server leaves it out. */
  public record RefundedPayment(
      String currency, long totalAmount, String invoicePayload, String telegramPaymentChargeId) {}

  public record PreCheckoutQuery(
      String id, User from, String currency, long totalAmount, String invoicePayload) {}

  /** The creation, or a token change, of a bot managed by the receiving bot. */
  public record ManagedBotUpdated(User user, User bot) {}

  public record BotCommand(String command, String description) {}

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
      Invoice invoice,
      SuccessfulPayment successfulPayment,
      RefundedPayment refundedPayment,
      JsonNode replyMarkup,
      JsonNode forwardOrigin) {

    /** A message with nothing but its sender, chat and date; the with... methods add content. */
    static Message of(long messageId, User from, Chat chat, long date) {
      return new Message(
          messageId, from, chat, date, null, null, null, null, null, null, null, null, null, null,
          null, null, null);
    }

    Message withText(String newText, List<MessageEntity> newEntities) {
      return new Message(
          messageId,
          from,
          chat,
          date,
          editDate,
          replyToMessage,
          newText,
          newEntities,
          document,
          caption,
          captionEntities,
          hasProtectedContent,
          invoice,
          successfulPayment,
          refundedPayment,
          replyMarkup,
          forwardOrigin);
    }

    Message withDocument(
        Document newDocument, String newCaption, List<MessageEntity> newCaptionEntities) {
      return new Message(
          messageId,
          from,
          chat,
          date,
          editDate,
          replyToMessage,
          text,
          entities,
          newDocument,
          newCaption,
          newCaptionEntities,
          hasProtectedContent,
          invoice,
          successfulPayment,
          refundedPayment,
          replyMarkup,
          forwardOrigin);
    }

    Message withInvoice(Invoice newInvoice) {
      return new Message(
          messageId,
          from,
          chat,
          date,
          editDate,
          replyToMessage,
          text,
          entities,
          document,
          caption,
          captionEntities,
          hasProtectedContent,
          newInvoice,
          successfulPayment,
          refundedPayment,
          replyMarkup,
          forwardOrigin);
    }

    Message withPayment(SuccessfulPayment successful, RefundedPayment refunded) {
      return new Message(
          messageId,
          from,
          chat,
          date,
          editDate,
          replyToMessage,
          text,
          entities,
          document,
          caption,
          captionEntities,
          hasProtectedContent,
          invoice,
          successful,
          refunded,
          replyMarkup,
          forwardOrigin);
    }

    /** The reply, the protect_content flag and the inline keyboard of a sent message. */
    Message withDelivery(Message replied, Boolean protectedContent, JsonNode markup) {
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
          protectedContent,
          invoice,
          successfulPayment,
          refundedPayment,
          markup,
          forwardOrigin);
    }

    /** A forwarded message: who wrote the original and when (Bot API MessageOrigin). */
    Message withForwardOrigin(JsonNode origin) {
      return new Message(
          messageId,
          from,
          chat,
          date,
          editDate,
          replyToMessage,
          text,
          entities,
          document,
          caption,
          captionEntities,
          hasProtectedContent,
          invoice,
          successfulPayment,
          refundedPayment,
          replyMarkup,
          origin);
    }

    /** The same message replying to another (a user's reply to something the bot sent). */
    Message replyingTo(Message replied) {
      return withDelivery(replied.withoutReply(), hasProtectedContent, replyMarkup);
    }

    /** A message quoted in reply_to_message carries no reply of its own, as in the real API. */
    Message withoutReply() {
      return replyToMessage == null ? this : withDelivery(null, hasProtectedContent, replyMarkup);
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
          invoice,
          successfulPayment,
          refundedPayment,
          markup,
          forwardOrigin);
    }
  }

  public record CallbackQuery(
      String id, User from, Message message, String chatInstance, String data) {}

  public record ChatMember(String status, User user, Long untilDate) {}

  public record ChatMemberUpdated(
      Chat chat, User from, long date, ChatMember oldChatMember, ChatMember newChatMember) {}

  public record Update(
      long updateId,
      Message message,
      CallbackQuery callbackQuery,
      PreCheckoutQuery preCheckoutQuery,
      ChatMemberUpdated myChatMember,
      ManagedBotUpdated managedBot) {

    static Update ofMessage(long updateId, Message message) {
      return new Update(updateId, message, null, null, null, null);
    }

    static Update ofCallbackQuery(long updateId, CallbackQuery query) {
      return new Update(updateId, null, query, null, null, null);
    }

    static Update ofPreCheckoutQuery(long updateId, PreCheckoutQuery query) {
      return new Update(updateId, null, null, query, null, null);
    }

    static Update ofMyChatMember(long updateId, ChatMemberUpdated change) {
      return new Update(updateId, null, null, null, change, null);
    }

    static Update ofManagedBot(long updateId, ManagedBotUpdated managed) {
      return new Update(updateId, null, null, null, null, managed);
    }

    /** The allowed_updates name of this update. */
    static String typeOf(Update update) {
      if (update.message != null) {
        return "message";
      }
      if (update.callbackQuery != null) {
        return "callback_query";
      }
      if (update.preCheckoutQuery != null) {
        return "pre_checkout_query";
      }
      return update.myChatMember != null ? "my_chat_member" : "managed_bot";
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
