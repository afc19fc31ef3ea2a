package io.flotilla.contracts.money;

/**
 * An agent's markup over the base price: a percentage in basis points (1 % = 100) or a fixed amount
 * in minor units per item.
 */
public record Markup(MarkupKind kind, long value) {

  public static final Markup NONE = new Markup(MarkupKind.PERCENT, 0);

  public Markup {
    if (kind == null) {
      throw new IllegalArgumentException("markup kind is required");
    }
    if (value < 0) {
      throw new IllegalArgumentException("markup must not be negative");
    }
  }
}
