package io.flotilla.inventory.order;

import io.flotilla.inventory.stock.ItemState;
import io.flotilla.inventory.stock.StockItem;

/** An item delivered with an order. The code is the goods: it never goes to a log. */
public record DeliveredItem(long itemId, String code, ItemState state) {

  static DeliveredItem of(StockItem item) {
    return new DeliveredItem(item.id, item.code, item.state);
  }

  @Override
  public String toString() {
    return "DeliveredItem[" + itemId + ", " + state + ", code=***]";
  }
}
