package io.flotilla.gateway.signin;

import io.flotilla.gateway.auth.SessionCookies;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Sign in with Telegram. The answer sets the session cookie (HttpOnly) and a readable CSRF cookie;
 * every write made with the session cookie carries the CSRF token in {@code X-CSRF-Token}.
 */
@Path("/api/auth")
@PermitAll
@Tag(name = "sign-in")
@Produces(MediaType.APPLICATION_JSON)
public class SignInResource {

  private final SignInService signIn;
  private final SessionCookies cookies;

  public SignInResource(SignInService signIn, SessionCookies cookies) {
    this.signIn = signIn;
    this.cookies = cookies;
  }

  @POST
  @Path("/telegram/login-widget")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Sign in with the Telegram Login Widget's data, passed on unchanged",
      description =
          "401 login-refused when the hash does not sign the data with the login bot's token, the"
              + " auth_date is older than flotilla.gateway.login-widget-max-age, or the same"
              + " login was used before.")
  @APIResponse(
      responseCode = "200",
      description = "Signed in; the session and CSRF cookies are set",
      content = @Content(schema = @Schema(implementation = SignedIn.class)))
  public Uni<Response> loginWidget(
      @Valid @NotNull LoginWidgetRequest request, @Context HttpServerRequest http) {
    return signIn.signIn(request).map(session -> signedIn(session, http));
  }

  @POST
  @Path("/telegram/mini-app")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Sign in from a Telegram Mini App with its initData",
      description =
          "401 login-refused when initData is not signed with the login bot's token, older than"
              + " flotilla.gateway.mini-app-max-age, or used before.")
  @APIResponse(
      responseCode = "200",
      description = "Signed in; the session and CSRF cookies are set",
      content = @Content(schema = @Schema(implementation = SignedIn.class)))
  public Uni<Response> miniApp(
      @Valid @NotNull MiniAppRequest request, @Context HttpServerRequest http) {
    return signIn.signIn(request).map(session -> signedIn(session, http));
  }

  @POST
  @Path("/logout")
  @Operation(summary = "End the web session and clear its cookies; 204 even without one")
  @APIResponse(responseCode = "204", description = "Signed out")
  public Uni<Response> logout(
      @CookieParam(SessionCookies.SESSION) String session, @Context HttpServerRequest http) {
    Uni<Void> ended = session == null ? Uni.createFrom().voidItem() : signIn.signOut(session);
    return ended.map(
        ignored ->
            Response.noContent()
                .cookie(cookies.cleared(SessionCookies.SESSION, true, http))
                .cookie(cookies.cleared(SessionCookies.CSRF, false, http))
                .build());
  }

  private Response signedIn(SignInService.Session session, HttpServerRequest http) {
    SignedIn signedIn = session.signedIn();
    return Response.ok(signedIn)
        .cookie(
            cookies.issued(
                SessionCookies.SESSION, session.cookieValue(), true, signedIn.expiresAt(), http))
        .cookie(
            cookies.issued(
                SessionCookies.CSRF, signedIn.csrfToken(), false, signedIn.expiresAt(), http))
        .build();
  }
}
