package io.flotilla.inventory.order;

import io.flotilla.platform.problem.ProblemException;
import java.util.Map;

/** Why a reservation was given back, and what a replay of its idempotency key answers. */
public enum ReleaseReason {
  /** The ledger refused: the customer's wallet was short. */
  INSUFFICIENT_FUNDS("insufficient-funds"),
  /** The ledger refused the payment for another reason; nothing was booked. */
  PAYMENT_REFUSED("payment-refused"),
  /** The reservation expired and the ledger had no payment for it. */
  EXPIRED("reservation-expired");

  private final String slug;

  ReleaseReason(String slug) {
    this.slug = slug;
  }

  public String slug() {
    return slug;
  }

  public static ReleaseReason ofSlug(String slug) {
    for (ReleaseReason reason : values()) {
      if (reason.slug.equals(slug)) {
        return reason;
      }
    }
    throw new IllegalArgumentException("Unknown release reason " + slug);
  }

  /** The problem the order's caller gets, first time and on every replay. */
  public ProblemException problem(String orderId) {
    return switch (this) {
      case INSUFFICIENT_FUNDS ->
          problem(422, "The customer's balance does not cover this order", orderId);
      case PAYMENT_REFUSED -> problem(422, "The ledger refused the payment", orderId);
      case EXPIRED ->
          problem(409, "The reservation expired before the payment was confirmed", orderId);
    };
  }

  private ProblemException problem(int status, String detail, String orderId) {
    String title = status == 409 ? "Conflict" : "Unprocessable request";
    return new ProblemException(status, slug, title, detail, Map.of("order_id", orderId));
  }
}
