package io.flotilla.gateway.route;

import static io.flotilla.gateway.forward.InternalForwarder.Service.CREDENTIAL;
import static io.flotilla.gateway.forward.InternalForwarder.Service.INVENTORY;
import static io.flotilla.gateway.forward.InternalForwarder.Service.LEDGER;
import static io.flotilla.gateway.route.Route.Body.JSON;
import static io.flotilla.gateway.route.Route.Body.NONE;
import static io.flotilla.gateway.route.Route.Body.TEXT;

import io.flotilla.gateway.auth.Identities;
import io.flotilla.gateway.forward.InternalForwarder.Service;
import io.flotilla.gateway.route.Route.Body;
import java.util.ArrayList;
import java.util.List;

/**
 * Every public route the gateway forwards as it is, each named explicitly with the internal
 * endpoint it reaches. Nothing under {@code /internal} is reachable otherwise. Routes that reshape
 * their answers (sign-in, the user-bot API, personal tokens) are resources of their own; the
 * provider's payment callback, which needs no token, too.
 */
public final class RouteTable {

  public static final List<Route> ROUTES = build();

  private RouteTable() {}

  private static List<Route> build() {
    Table t = new Table();

    t.tag("agents");
    t.admin(
        "POST",
        "/api/admin/agents",
        CREDENTIAL,
        "/internal/agents",
        JSON,
        "Create an agent with its clone shop bot",
        "Body: {\"agent_id\", \"name\", \"bot_token\", \"markup\"?}. The token is checked with"
            + " getMe and stored encrypted; the fleet starts the bot within seconds.");
    t.admin(
        "GET",
        "/api/admin/agents",
        CREDENTIAL,
        "/internal/agents",
        NONE,
        "Agents, newest first (status, page, limit)");
    t.admin(
        "GET",
        "/api/admin/agents/{agentId}",
        CREDENTIAL,
        "/internal/agents/{agentId}",
        NONE,
        "An agent: status, markup and its bounds, payout settings");
    t.admin(
        "POST",
        "/api/admin/agents/{agentId}/pause",
        CREDENTIAL,
        "/internal/agents/{agentId}/pause",
        JSON,
        "Pause an agent: {reason}. Its bot stops serving and its shop stops selling");
    t.admin(
        "POST",
        "/api/admin/agents/{agentId}/resume",
        CREDENTIAL,
        "/internal/agents/{agentId}/resume",
        NONE,
        "Resume a paused agent");
    t.admin(
        "PUT",
        "/api/admin/agents/{agentId}/pricing",
        CREDENTIAL,
        "/internal/agents/{agentId}/pricing",
        JSON,
        "Set an agent's markup and the bounds it may set its own within");
    t.admin(
        "PUT",
        "/api/admin/agents/{agentId}/payout",
        CREDENTIAL,
        "/internal/agents/{agentId}/payout",
        JSON,
        "Set an agent's payout wallet and minimum withdrawal");
    t.admin(
        "PUT",
        "/api/admin/agents/{agentId}/owners",
        CREDENTIAL,
        "/internal/agents/{agentId}/owners",
        JSON,
        "Set the Telegram users who run an agent",
        "Body: {\"owner_telegram_ids\": [positive ids]}, replacing the current owners (an empty"
            + " list removes them all). The agent's bot follows without a restart.");
    t.admin(
        "POST",
        "/api/admin/agents/{agentId}/claims",
        CREDENTIAL,
        "/internal/agents/{agentId}/claims",
        NONE,
        "Make a one-time link that makes its user an owner of the agent",
        "201 {\"agent_id\", \"code\", \"start_payload\", \"expires_at\"}, shown only this once."
            + " Hand out https://t.me/<agent bot username>?start=<start_payload>.");

    t.tag("audit and keys");
    t.admin(
        "GET",
        "/api/admin/audit",
        CREDENTIAL,
        "/internal/audit",
        NONE,
        "Audit records, newest first (admin_id, action, target, page, limit)");
    t.admin(
        "GET",
        "/api/admin/keys",
        CREDENTIAL,
        "/internal/keys",
        NONE,
        "The keyset: keys, which is primary, how many rows each still encrypts");
    t.admin(
        "POST",
        "/api/admin/keys/rotations",
        CREDENTIAL,
        "/internal/keys/rotations",
        NONE,
        "Start a key rotation: a new primary key, rows re-encrypted in batches");
    t.admin(
        "GET",
        "/api/admin/keys/rotations/{rotationId}",
        CREDENTIAL,
        "/internal/keys/rotations/{rotationId}",
        NONE,
        "A rotation's progress");
    t.admin(
        "POST",
        "/api/admin/keys/{keyId}/retire",
        CREDENTIAL,
        "/internal/keys/{keyId}/retire",
        NONE,
        "Retire a key no row uses any more");

    t.tag("bots");
    t.admin(
        "GET",
        "/api/admin/bots",
        CREDENTIAL,
        "/internal/bots",
        NONE,
        "Every tenant's bot, newest first (status, page, limit)");
    t.admin(
        "GET",
        "/api/admin/bots/list",
        CREDENTIAL,
        "/internal/bots",
        NONE,
        "Every tenant's bot, newest first (status, page, limit): the brief's name");
    t.admin(
        "GET",
        "/api/admin/bots/{tenantId}",
        CREDENTIAL,
        "/internal/bots/{tenantId}",
        NONE,
        "A tenant's bot: status, reason, limits; the token masked");
    t.admin(
        "POST",
        "/api/admin/bots/{tenantId}/access",
        CREDENTIAL,
        "/internal/bots/{tenantId}/access",
        NONE,
        "Open a bot as an admin (audited); its token stays masked");
    t.admin(
        "PATCH",
        "/api/admin/bots/{tenantId}/suspend",
        CREDENTIAL,
        "/internal/bots/{tenantId}/suspend",
        JSON,
        "Stop a bot: {reason}");
    t.admin(
        "PATCH",
        "/api/admin/bots/{tenantId}/activate",
        CREDENTIAL,
        "/internal/bots/{tenantId}/activate",
        NONE,
        "Let a suspended, rate-limited or failed bot serve again");
    t.admin(
        "PATCH",
        "/api/admin/bots/{tenantId}/rate-limit",
        CREDENTIAL,
        "/internal/bots/{tenantId}/rate-limit",
        JSON,
        "Change a bot's outbound limits");

    t.tag("master shop");
    t.admin(
        "GET",
        "/api/admin/master/bot",
        CREDENTIAL,
        "/internal/master/bot",
        NONE,
        "The master shop bot: status, bot id, username",
        "The token is never shown, only masked (token_hint). 404 before one is set.");
    t.admin(
        "PUT",
        "/api/admin/master/bot",
        CREDENTIAL,
        "/internal/master/bot",
        JSON,
        "Set or replace the master shop bot",
        "Body: {\"bot_token\"}. The token's shape is checked, then getMe; it is stored"
            + " encrypted. 201 the first time, 200 after (the same token again changes nothing).");
    t.admin(
        "GET",
        "/api/admin/platform-admins",
        CREDENTIAL,
        "/internal/platform-admins",
        NONE,
        "Platform admins by Telegram user id",
        "{\"telegram_ids\": all, \"configured\": from FLOTILLA_ADMIN_TELEGRAM_IDS, \"added\":"
            + " added here}. They may use the admin commands of the master bot.");
    t.admin(
        "POST",
        "/api/admin/platform-admins",
        CREDENTIAL,
        "/internal/platform-admins",
        JSON,
        "Make a Telegram user a platform admin",
        "Body: {\"telegram_id\"}. 201 with the admins when added, 200 when they are one"
            + " already. The bots follow without a restart.");
    t.admin(
        "DELETE",
        "/api/admin/platform-admins/{telegramId}",
        CREDENTIAL,
        "/internal/platform-admins/{telegramId}",
        NONE,
        "Remove a platform admin added here",
        "Answers the admins left. One from FLOTILLA_ADMIN_TELEGRAM_IDS cannot be removed here:"
            + " 409 platform-admin-configured.");

    t.tag("ledger");
    t.admin(
        "GET",
        "/api/admin/top-ups",
        LEDGER,
        "/internal/top-ups",
        NONE,
        "Top-up requests (status, tenant_id, customer_id, page, limit)");
    t.admin(
        "POST",
        "/api/admin/top-ups",
        LEDGER,
        "/internal/top-ups",
        JSON,
        "Open a top-up request: {tenant_id, customer_id, amount, currency?}");
    t.admin(
        "POST",
        "/api/admin/top-ups/{id}/confirm",
        LEDGER,
        "/internal/top-ups/{id}/confirm",
        JSON,
        "Confirm a top-up: the wallet is credited once");
    t.admin(
        "GET",
        "/api/admin/withdrawals",
        LEDGER,
        "/internal/withdrawals",
        NONE,
        "Withdrawals (status, agent_id, page, limit)");
    t.admin(
        "GET",
        "/api/admin/withdrawals/{id}",
        LEDGER,
        "/internal/withdrawals/{id}",
        NONE,
        "A withdrawal");
    t.admin(
        "POST",
        "/api/admin/withdrawals/{id}/approve",
        LEDGER,
        "/internal/withdrawals/{id}/approve",
        NONE,
        "Approve a withdrawal");
    t.admin(
        "POST",
        "/api/admin/withdrawals/{id}/reject",
        LEDGER,
        "/internal/withdrawals/{id}/reject",
        JSON,
        "Reject a withdrawal: {reason}; the hold is released");
    t.admin(
        "POST",
        "/api/admin/withdrawals/{id}/pay",
        LEDGER,
        "/internal/withdrawals/{id}/pay",
        JSON,
        "Mark a withdrawal paid: {txid}, unique across the platform");
    t.admin(
        "GET",
        "/api/admin/agents/{agentId}/balance",
        LEDGER,
        "/internal/agents/{agentId}/balance",
        NONE,
        "An agent's pending / available / held / withdrawn / receivable");
    t.admin(
        "GET",
        "/api/admin/agents/{agentId}/statement",
        LEDGER,
        "/internal/agents/{agentId}/statement",
        NONE,
        "An agent's ledger entries");
    t.admin(
        "GET",
        "/api/admin/agents/{agentId}/ledger-settings",
        LEDGER,
        "/internal/agents/{agentId}/settings",
        NONE,
        "Holding window and minimum withdrawal of one agent");
    t.admin(
        "PUT",
        "/api/admin/agents/{agentId}/ledger-settings",
        LEDGER,
        "/internal/agents/{agentId}/settings",
        JSON,
        "Change the holding window and minimum withdrawal of one agent");
    t.admin(
        "GET",
        "/api/admin/wallets/{tenantId}/{customerId}",
        LEDGER,
        "/internal/wallets/{tenantId}/{customerId}",
        NONE,
        "A customer's wallet in a tenant's shop");
    t.admin(
        "GET",
        "/api/admin/wallets/{tenantId}/{customerId}/statement",
        LEDGER,
        "/internal/wallets/{tenantId}/{customerId}/statement",
        NONE,
        "A customer's wallet entries");
    t.admin(
        "GET",
        "/api/admin/ledger/totals",
        LEDGER,
        "/internal/platform/totals",
        NONE,
        "The platform's totals");
    t.admin(
        "GET",
        "/api/admin/ledger/reconciliation",
        LEDGER,
        "/internal/reconciliation",
        NONE,
        "Recomputes every balance from the entries; lists any difference");

    t.tag("inventory");
    t.admin("GET", "/api/admin/categories", INVENTORY, "/internal/categories", NONE, "Categories");
    t.admin(
        "POST",
        "/api/admin/categories",
        INVENTORY,
        "/internal/categories",
        JSON,
        "Create a category");
    t.admin(
        "PUT",
        "/api/admin/categories/{id}",
        INVENTORY,
        "/internal/categories/{id}",
        JSON,
        "Change a category");
    t.admin("GET", "/api/admin/products", INVENTORY, "/internal/products", NONE, "Products");
    t.admin(
        "GET",
        "/api/admin/products/low-stock",
        INVENTORY,
        "/internal/products/low-stock",
        NONE,
        "Products running out of stock");
    t.admin(
        "POST",
        "/api/admin/products",
        INVENTORY,
        "/internal/products",
        JSON,
        "Create a product: names and descriptions (en, zh), base price, kind");
    t.admin(
        "GET", "/api/admin/products/{id}", INVENTORY, "/internal/products/{id}", NONE, "A product");
    t.admin(
        "PATCH",
        "/api/admin/products/{id}",
        INVENTORY,
        "/internal/products/{id}",
        JSON,
        "Change a product");
    t.admin(
        "POST",
        "/api/admin/products/{id}/stock/import",
        INVENTORY,
        "/internal/products/{id}/stock/import",
        TEXT,
        "Import unique items, one per line; duplicates reported by line");
    t.admin(
        "POST",
        "/api/admin/products/{id}/stock/adjust",
        INVENTORY,
        "/internal/products/{id}/stock/adjust",
        JSON,
        "Adjust a product's stock");
    t.admin(
        "GET",
        "/api/admin/catalog",
        INVENTORY,
        "/internal/catalog",
        NONE,
        "Products with availability at a tenant's prices (tenant_id)");
    t.admin(
        "GET",
        "/api/admin/orders",
        INVENTORY,
        "/internal/orders",
        NONE,
        "Orders per tenant and customer (tenant_id, customer_id, page, limit)");
    t.admin("GET", "/api/admin/orders/{id}", INVENTORY, "/internal/orders/{id}", NONE, "An order");
    t.admin(
        "POST",
        "/api/admin/orders/{id}/refund",
        INVENTORY,
        "/internal/orders/{id}/refund",
        JSON,
        "Refund a paid order, once");
    t.admin(
        "POST",
        "/api/admin/orders/{id}/items/defective",
        INVENTORY,
        "/internal/orders/{id}/items/defective",
        JSON,
        "Retire delivered items as defective; they are never resold");
    t.admin(
        "GET",
        "/api/admin/sales/agents",
        INVENTORY,
        "/internal/sales/agents",
        NONE,
        "Sales per agent");
    t.admin(
        "GET",
        "/api/admin/agents/{agentId}/pricing",
        INVENTORY,
        "/internal/agents/{agentId}/pricing",
        NONE,
        "An agent's prices");
    t.admin(
        "PUT",
        "/api/admin/agents/{agentId}/prices/{productId}",
        INVENTORY,
        "/internal/agents/{agentId}/prices/{productId}",
        JSON,
        "Override an agent's markup for one product");
    t.admin(
        "DELETE",
        "/api/admin/agents/{agentId}/prices/{productId}",
        INVENTORY,
        "/internal/agents/{agentId}/prices/{productId}",
        NONE,
        "Remove an agent's markup override for one product");

    return List.copyOf(t.routes);
  }

  /** Collects routes under the current tag. */
  private static final class Table {
    private final List<Route> routes = new ArrayList<>();
    private String tag;

    void tag(String tag) {
      this.tag = tag;
    }

    void admin(
        String method,
        String publicPath,
        Service service,
        String internalPath,
        Body body,
        String summary) {
      admin(method, publicPath, service, internalPath, body, summary, null);
    }

    void admin(
        String method,
        String publicPath,
        Service service,
        String internalPath,
        Body body,
        String summary,
        String description) {
      routes.add(
          new Route(
              method,
              publicPath,
              Identities.ADMIN,
              service,
              internalPath,
              body,
              tag,
              summary,
              description));
    }
  }
}
