package io.flotilla.gateway.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Gateway settings. */
@ConfigMapping(prefix = "flotilla.gateway")
public interface GatewayConfig {

  /**
   * SHA-256 (hex) of the bootstrap admin token that {@code ./flotilla up} generated; stored once
   * when no credential with that hash exists. The token itself never reaches the gateway's config.
   */
  Optional<String> bootstrapAdminTokenSha256();

  /** Base URL of the ledger service's internal API. */
  @WithDefault("http://127.0.0.1:8084")
  String ledgerUrl();

  /** Base URL of the credential service's internal API. */
  @WithDefault("http://127.0.0.1:8081")
  String credentialUrl();

  /** Base URL of the inventory service's internal API. */
  @WithDefault("http://127.0.0.1:8083")
  String inventoryUrl();

  /** Base URL of the bot fleet's internal API (users' bot settings and messages). */
  @WithDefault("http://127.0.0.1:8082")
  String fleetUrl();

  /** Longest time a forwarded call may take. */
  @WithDefault("30s")
  Duration forwardTimeout();

  /**
   * Token of the bot whose Login Widget and Mini App sign people in. Unset (the default): the
   * master bot's, whose token never leaves the credential service, which checks the signatures.
   */
  Optional<String> loginBotToken();

  /** Oldest Login Widget {@code auth_date} accepted. */
  @WithDefault("1d")
  Duration loginWidgetMaxAge();

  /** Oldest Mini App {@code auth_date} accepted. */
  @WithDefault("1h")
  Duration miniAppMaxAge();

  /** How long a web session lasts after sign-in. */
  @WithDefault("12h")
  Duration sessionTtl();

  /** Largest request body a public route accepts; larger is 413. */
  @WithDefault("1048576")
  long maxBodyBytes();

  /** Largest body of a stock import, which carries a file of items; larger is 413. */
  @WithDefault("67108864")
  long maxImportBodyBytes();
}
