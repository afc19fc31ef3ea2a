package io.flotilla.fleet.bot;

/**
 * A step of a conversation where the bot waits for a person's next message (a quantity, an amount,
 * a document), with the data gathered so far as a record of type {@code T}, kept in PostgreSQL
 * between messages.
 *
 * @param name unique among the fleet's steps, e.g. {@code shop.quantity}
 */
public record Step<T>(String name, Class<T> dataType) {

  public static <T> Step<T> of(String name, Class<T> dataType) {
    return new Step<>(name, dataType);
  }
}
