package io.flotilla.gateway.signin;

import io.flotilla.gateway.auth.GatewayConfig;
import io.flotilla.gateway.forward.InternalForwarder;
import io.flotilla.gateway.forward.InternalForwarder.Service;
import io.flotilla.gateway.signin.TelegramSignatures.Flow;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a login signature with the login bot's token: the configured one here, or else the master
 * bot's, at the credential service, so that token never leaves it.
 */
@ApplicationScoped
public class LoginSignatureVerifier {

  static final String MASTER_LOGIN_VERIFY_PATH = "/internal/master/bot/telegram-login/verify";

  private final GatewayConfig config;
  private final InternalForwarder forwarder;

  public LoginSignatureVerifier(GatewayConfig config, InternalForwarder forwarder) {
    this.config = config;
    this.forwarder = forwarder;
  }

  public Uni<Boolean> valid(Flow flow, String dataCheckString, String hash) {
    var configured = config.loginBotToken().filter(token -> !token.isBlank());
    if (configured.isPresent()) {
      return Uni.createFrom()
          .item(TelegramSignatures.valid(flow, configured.get(), dataCheckString, hash));
    }
    JsonObject body =
        new JsonObject()
            .put("flow", flow.name().toLowerCase(Locale.ROOT))
            .put("data_check_string", dataCheckString)
            .put("hash", hash);
    return forwarder
        .call(
            Service.CREDENTIAL,
            HttpMethod.POST,
            MASTER_LOGIN_VERIFY_PATH,
            null,
            Map.of(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON),
            Buffer.buffer(body.encode()))
        .map(
            answer -> {
              if (answer.statusCode() != 200) {
                throw ProblemException.unavailable(
                    "login-unavailable", "Signing in with Telegram is not available right now");
              }
              return answer.bodyAsJsonObject().getBoolean("valid", false);
            });
  }
}
