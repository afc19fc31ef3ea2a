package io.flotilla.inventory.order;

import java.util.List;

/** One page of orders, newest first; {@code page} counts from 1. */
public record OrderPage(List<OrderView> items, int page, int limit, long total) {}
