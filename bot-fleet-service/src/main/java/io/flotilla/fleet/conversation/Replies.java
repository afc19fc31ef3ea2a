package io.flotilla.fleet.conversation;

/** The texts bots send, per language. */
public final class Replies {

  private Replies() {}

  public static String welcome(Language language, String shopName) {
    return switch (language) {
      case EN ->
          "Welcome to "
              + shopName
              + "!\nBrowse the catalog with /catalog, check your wallet with /balance,"
              + " top up with /topup and see your orders with /orders.";
      case ZH -> "欢迎来到 " + shopName + "！\n使用 /catalog 浏览商品，/balance 查看余额，/topup 充值，/orders 查看订单。";
    };
  }

  public static String unknownCommand(Language language) {
    return switch (language) {
      case EN -> "Sorry, I don't know that command. Send /start to see what I can do.";
      case ZH -> "抱歉，我不认识这个命令。发送 /start 查看可用功能。";
    };
  }
}
