package io.flotilla.inventory.sales;

/**
 * One shop's sales in a period, in minor units: orders completed in it (refunded ones included),
 * their revenue and markup, and which of them were refunded since.
 */
public record SellerSales(
    String soldBy,
    long orders,
    long quantity,
    long revenue,
    long markupTotal,
    long refundedOrders,
    long refundedAmount) {}
