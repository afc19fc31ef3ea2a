package io.flotilla.gateway.me;

import io.flotilla.gateway.auth.Identities;
import io.flotilla.gateway.signin.UserIds;
import io.flotilla.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The signed-in person and their personal API tokens. */
@Path("/api/me")
@RolesAllowed(Identities.USER)
@Tag(name = "me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

  private final PersonalTokenRepository tokens;
  private final SecurityIdentity identity;

  public MeResource(PersonalTokenRepository tokens, SecurityIdentity identity) {
    this.tokens = tokens;
    this.identity = identity;
  }

  @GET
  @Operation(summary = "Who is calling: user id, Telegram id, tenant, roles")
  @APIResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = Me.class)))
  public Me me() {
    long telegramId = Identities.telegramId(identity);
    return new Me(
        Long.toString(telegramId),
        telegramId,
        UserIds.tenantOf(telegramId),
        identity.getRoles().stream().sorted().toList());
  }

  @POST
  @Path("/tokens")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Make a personal API token",
      description =
          "201 with the token, shown only this once; only its SHA-256 is kept. It acts as the"
              + " person with the user role, whatever roles the person has.")
  @APIResponse(
      responseCode = "201",
      content = @Content(schema = @Schema(implementation = CreatedToken.class)))
  public Uni<Response> create(@Valid CreateTokenRequest request) {
    String name = request == null ? null : request.name();
    return tokens
        .create(Identities.telegramId(identity), name)
        .map(created -> Response.status(Response.Status.CREATED).entity(created).build());
  }

  @GET
  @Path("/tokens")
  @Operation(summary = "The person's tokens, newest first; never the tokens themselves")
  @APIResponse(
      responseCode = "200",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TokenView.class)))
  public Uni<List<TokenView>> list() {
    return tokens.list(Identities.telegramId(identity));
  }

  @DELETE
  @Path("/tokens/{tokenId}")
  @Operation(summary = "Revoke a personal token: refused (401) from the next request on")
  @APIResponse(responseCode = "204", description = "Revoked")
  public Uni<Response> revoke(@PathParam("tokenId") String tokenId) {
    if (!tokenId.matches("[A-Za-z0-9_-]{1,64}")) {
      throw ProblemException.notFound("You have no such token");
    }
    return tokens
        .revoke(Identities.telegramId(identity), tokenId)
        .map(
            revoked -> {
              if (!revoked) {
                throw ProblemException.notFound("You have no such token");
              }
              return Response.noContent().build();
            });
  }
}
