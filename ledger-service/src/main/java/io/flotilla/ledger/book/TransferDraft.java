package io.flotilla.ledger.book;

import java.util.List;

/** A transfer about to be posted: two or more legs in one currency that sum to zero. */
public record TransferDraft(TransferKind kind, String reference, String currency, List<Leg> legs) {

  public TransferDraft {
    legs = legs.stream().filter(leg -> leg.amount() != 0).toList();
    if (legs.size() < 2 || legs.stream().mapToLong(Leg::amount).sum() != 0) {
      throw new IllegalArgumentException(
          "Transfer " + kind + " " + reference + " is unbalanced: " + legs);
    }
  }
}
