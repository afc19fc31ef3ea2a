package io.flotilla.contracts.money;

/** How an agent's markup is expressed. */
public enum MarkupKind {
  /** Value in basis points of the base price (1 % = 100). */
  PERCENT,
  /** Value in minor units added to each item. */
  FIXED
}
