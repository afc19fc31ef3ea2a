package io.flotilla.contracts.events;

/** Kafka topic names. Deployments may prepend a prefix (see {@code flotilla.messaging}). */
public final class Topics {

  /** Tenant, agent and bot lifecycle facts, keyed by tenant id. */
  public static final String TENANTS = "flotilla.tenant-events";

  /** Order facts, keyed by order id. */
  public static final String ORDERS = "flotilla.order-events";

  /** Money facts, keyed by the ledger aggregate (top-up, withdrawal, agent). */
  public static final String LEDGER = "flotilla.ledger-events";

  /** Messages that kept failing in a consumer, with the failure in the record headers. */
  public static final String DEAD_LETTER = "flotilla.dead-letter";

  private Topics() {}
}
