package io.flotilla.ledger.property;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What the ledger should hold, kept the simplest way: plain numbers per wallet and per agent,
 * changed by the same operations the test sends to the service.
 */
final class LedgerModel {

  final Map<String, Long> wallets = new LinkedHashMap<>();
  final Map<String, Agent> agents = new LinkedHashMap<>();
  final Map<String, Order> orders = new LinkedHashMap<>();
  final Map<String, Withdrawal> withdrawals = new LinkedHashMap<>();
  long revenue;
  long cashIn;

  static final class Agent {
    final long minimum;
    long pending;
    long available;
    long held;
    long paidOut;
    long owed;
    long maturedEver;

    Agent(long minimum) {
      this.minimum = minimum;
    }
  }

  static final class Order {
    final String id;
    final String wallet;
    final String agent;
    final long amount;
    final long base;
    final long markup;
    final Instant maturesAt;
    final Map<String, Object> request;
    final String response;
    String lot = "pending";
    boolean refunded;

    Order(
        String id,
        String wallet,
        String agent,
        long amount,
        long base,
        long markup,
        Instant maturesAt,
        Map<String, Object> request,
        String response) {
      this.id = id;
      this.wallet = wallet;
      this.agent = agent;
      this.amount = amount;
      this.base = base;
      this.markup = markup;
      this.maturesAt = maturesAt;
      this.request = request;
      this.response = response;
    }
  }

  static final class Withdrawal {
    final String agent;
    final long amount;
    String status = "requested";

    Withdrawal(String agent, long amount) {
      this.agent = agent;
      this.amount = amount;
    }
  }

  static String wallet(String tenant, long customer) {
    return tenant + "/" + customer;
  }

  void topUp(String wallet, long amount) {
    wallets.merge(wallet, amount, Long::sum);
    cashIn += amount;
  }

  boolean canPay(String wallet, long amount) {
    return wallets.getOrDefault(wallet, 0L) >= amount;
  }

  void pay(Order order) {
    wallets.merge(order.wallet, -order.amount, Long::sum);
    revenue += order.base;
    if (order.markup > 0) {
      agents.get(order.agent).pending += order.markup;
    } else {
      order.lot = "none";
    }
    orders.put(order.id, order);
  }

  /** Lots due at {@code now} mature; an agent's debt is repaid first. */
  void mature(Instant now) {
    Map<String, Long> maturing = new LinkedHashMap<>();
    for (Order order : orders.values()) {
      if ("pending".equals(order.lot) && !order.maturesAt.isAfter(now)) {
        order.lot = "matured";
        maturing.merge(order.agent, order.markup, Long::sum);
      }
    }
    maturing.forEach(
        (agentId, total) -> {
          Agent agent = agents.get(agentId);
          long repaid = Math.min(agent.owed, total);
          agent.pending -= total;
          agent.maturedEver += total;
          agent.owed -= repaid;
          agent.available += total - repaid;
        });
  }

  void refund(Order order) {
    order.refunded = true;
    wallets.merge(order.wallet, order.amount, Long::sum);
    revenue -= order.base;
    if ("pending".equals(order.lot)) {
      agents.get(order.agent).pending -= order.markup;
      order.lot = "cancelled";
    } else if ("matured".equals(order.lot)) {
      Agent agent = agents.get(order.agent);
      long fromAvailable = Math.min(agent.available, order.markup);
      agent.available -= fromAvailable;
      agent.owed += order.markup - fromAvailable;
      order.lot = "reversed";
    }
  }

  /** The status a withdrawal request should get: 201, or the 4xx that refuses it. */
  int requestStatus(String agentId, long amount) {
    Agent agent = agents.get(agentId);
    if (amount <= 0) {
      return 400;
    }
    if (amount < agent.minimum || amount > agent.available) {
      return 422;
    }
    return 201;
  }

  void hold(String id, String agentId, long amount) {
    Agent agent = agents.get(agentId);
    agent.available -= amount;
    agent.held += amount;
    withdrawals.put(id, new Withdrawal(agentId, amount));
  }

  /**
   * Applies a withdrawal step if the state allows it and returns the status the API should give.
   */
  int step(String id, String step) {
    Withdrawal withdrawal = withdrawals.get(id);
    Agent agent = agents.get(withdrawal.agent);
    switch (step) {
      case "approve" -> {
        if (!"requested".equals(withdrawal.status)) {
          return 409;
        }
        withdrawal.status = "approved";
      }
      case "reject" -> {
        if (!"requested".equals(withdrawal.status) && !"approved".equals(withdrawal.status)) {
          return 409;
        }
        withdrawal.status = "rejected";
        agent.held -= withdrawal.amount;
        agent.available += withdrawal.amount;
      }
      case "pay" -> {
        if (!"approved".equals(withdrawal.status)) {
          return 409;
        }
        withdrawal.status = "paid";
        agent.held -= withdrawal.amount;
        agent.paidOut += withdrawal.amount;
      }
      default -> throw new IllegalArgumentException(step);
    }
    return 200;
  }

  List<Order> refundable() {
    return new ArrayList<>(orders.values().stream().filter(order -> !order.refunded).toList());
  }

  long walletTotal() {
    return wallets.values().stream().mapToLong(Long::longValue).sum();
  }

  long agentTotal(ToLongFunction<Agent> figure) {
    return agents.values().stream().mapToLong(figure).sum();
  }
}
