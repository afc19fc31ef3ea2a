package io.flotilla.inventory.order;

import io.flotilla.inventory.InventoryConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the terms an order is placed on — the product, the selling agent and its override — for a
 * short while, so a busy product does not read them again for every order. The terms change rarely
 * and the agent's part arrives through Kafka anyway, so a few seconds of age change nothing a buyer
 * can tell; changes made through this instance are seen at once ({@link #forget()}), those made
 * through another replica within {@code flotilla.inventory.orders.terms-cache-ttl}.
 *
 * <p>A read that raced a change is not kept: every change bumps a generation, and terms read under
 * an older generation are used for their own order but not remembered. Whether the idempotency key
 * was used before is never cached; the reservation finds a used key by its unique constraint.
 */
@ApplicationScoped
public class OrderTermsCache {

  static final int MAX_ENTRIES = 50_000;

  private record Key(String tenantId, UUID productId) {}

  private record Entry(OrderContext terms, long generation, long expiresAtNanos) {}

  private final OrderStore store;
  private final long ttlNanos;
  private final AtomicLong generation = new AtomicLong();
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

  public OrderTermsCache(OrderStore store, InventoryConfig config) {
    this.store = store;
    this.ttlNanos = config.orders().termsCacheTtl().toNanos();
  }

  /** The terms of a tenant's order of a product if they are at hand, else {@code null}. */
  OrderContext cached(String tenantId, UUID productId) {
    Entry entry = entries.get(new Key(tenantId, productId));
    if (entry == null
        || entry.generation() != generation.get()
        || System.nanoTime() - entry.expiresAtNanos() > 0) {
      return null;
    }
    return entry.terms();
  }

  /** Reads the terms and the idempotency key's order from the database, keeping the terms. */
  Uni<OrderContext> load(String tenantId, UUID productId, String idempotencyKey) {
    long readUnder = generation.get();
    return store
        .context(tenantId, productId, idempotencyKey)
        .invoke(
            context -> {
              if (ttlNanos > 0 && generation.get() == readUnder) {
                if (entries.size() >= MAX_ENTRIES) {
                  entries.clear();
                }
                entries.put(
                    new Key(tenantId, productId),
                    new Entry(
                        context.withoutExistingOrder(), readUnder, System.nanoTime() + ttlNanos));
              }
            });
  }

  /**
   * Drops every kept term; call it after a change of a product, an agent or an override commits.
   */
  public void forget() {
    generation.incrementAndGet();
    entries.clear();
  }
}
