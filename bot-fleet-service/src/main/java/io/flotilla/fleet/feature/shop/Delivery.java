package io.flotilla.fleet.feature.shop;

import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Keyboard;
import io.flotilla.fleet.feature.shop.InventoryClient.OrderItemView;
import io.flotilla.fleet.feature.shop.InventoryClient.OrderView;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Hands a delivered order's codes to the buyer: in the chat as text, or as a .txt document when
 * they do not fit one message. The codes go to the buyer's chat and nowhere else.
 */
public final class Delivery {

  /** Telegram's limit for the text of one message, in characters. */
  static final int MAX_MESSAGE_LENGTH = 4096;

  private Delivery() {}

  /**
   * Shows the order's goods as the current screen (in place of the pressed button's message), or,
   * when the codes do not fit a message, sends them as a document and shows a note about it.
   */
  public static Uni<Void> show(Ctx ctx, OrderView order, String productName, Keyboard keyboard) {
    String total = ctx.money(order.totalPrice(), order.currency());
    if (order.items().isEmpty()) {
      return ctx.show(
          ctx.t("shop.delivered.counted", productName, String.valueOf(order.quantity()), total),
          keyboard);
    }
    String codes =
        order.items().stream().map(OrderItemView::code).collect(Collectors.joining("\n"));
    String text =
        ctx.t("shop.delivered.codes", productName, String.valueOf(order.quantity()), total, codes);
    if (text.length() <= MAX_MESSAGE_LENGTH) {
      return ctx.show(text, keyboard);
    }
    String quantity = String.valueOf(order.quantity());
    // The file arrives below the confirmation, which then points down at it.
    return ctx.document(
            "order-" + order.orderId() + ".txt",
            (codes + "\n").getBytes(StandardCharsets.UTF_8),
            ctx.t("shop.delivered.file.caption", productName, quantity, total))
        .chain(
            () -> ctx.show(ctx.t("shop.delivered.file", productName, quantity, total), keyboard));
  }
}
