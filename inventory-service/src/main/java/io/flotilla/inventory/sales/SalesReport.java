package io.flotilla.inventory.sales;

import java.time.Instant;
import java.util.List;

/** Sales per shop ({@code master} or an agent id) completed in {@code [from, to)}. */
public record SalesReport(Instant from, Instant to, String currency, List<SellerSales> sellers) {}
