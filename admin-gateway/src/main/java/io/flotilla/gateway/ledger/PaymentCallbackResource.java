package io.flotilla.gateway.ledger;

import io.flotilla.gateway.forward.InternalForwarder;
import io.flotilla.gateway.forward.InternalForwarder.Service;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The payment provider's top-up confirmations. No API token: the ledger checks the HMAC signature
 * over the exact bytes, so the body is passed on untouched.
 */
@Path("/api/payments/callback")
@PermitAll
@Tag(name = "payments")
public class PaymentCallbackResource {

  /** Header carrying {@code sha256=<hex HMAC-SHA256 of the raw body>}. */
  public static final String SIGNATURE_HEADER = "X-Flotilla-Signature";

  private final InternalForwarder forwarder;

  public PaymentCallbackResource(InternalForwarder forwarder) {
    this.forwarder = forwarder;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "A signed top-up confirmation, idempotent by provider transaction id")
  public Uni<Response> callback(@HeaderParam(SIGNATURE_HEADER) String signature, byte[] body) {
    Map<String, String> headers = new HashMap<>();
    headers.put(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
    headers.put(SIGNATURE_HEADER, signature);
    return forwarder.forward(
        Service.LEDGER,
        HttpMethod.POST,
        "/internal/top-ups/callback",
        null,
        headers,
        Buffer.buffer(body));
  }
}
