package io.flotilla.credential.master;

import io.flotilla.credential.api.AdminId;
import io.flotilla.credential.bot.BotService;
import io.flotilla.credential.bot.BotTokenVerifier;
import io.flotilla.credential.bot.BotView;
import io.flotilla.credential.tenant.Tenant;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The master shop's bot, set by an admin (or at start-up from configuration). */
@Path("/internal/master/bot")
@Tag(name = "master")
public class MasterBotResource {

  private final MasterBotService master;
  private final BotTokenVerifier verifier;
  private final BotService bots;

  public MasterBotResource(MasterBotService master, BotTokenVerifier verifier, BotService bots) {
    this.master = master;
    this.verifier = verifier;
    this.bots = bots;
  }

  @POST
  @Path("/telegram-login/verify")
  @Operation(
      summary = "Whether a Telegram login is signed with the master bot's token",
      description =
          "For the gateway's sign-in: the token never leaves this service. 404 while there is no"
              + " master bot.")
  public Uni<TelegramLoginVerdict> verifyLogin(@Valid @NotNull TelegramLoginCheck check) {
    return bots.token(Tenant.MASTER_ID)
        .map(
            token ->
                new TelegramLoginVerdict(
                    TelegramLoginVerifier.valid(
                        check.flow(), token, check.dataCheckString(), check.hash())));
  }

  @GET
  @Operation(summary = "The master shop bot: status, bot id, username; the token masked")
  public Uni<BotView> find() {
    return master.find();
  }

  @PUT
  @Operation(
      summary = "Admin: register or replace the master shop bot, active at once (BotActivated)")
  public Uni<Response> register(
      @Valid @NotNull MasterBotRequest request, @HeaderParam(AdminId.HEADER) String adminId) {
    String admin = AdminId.require(adminId);
    return verifier
        .verify(request.botToken(), "bot_token")
        .chain(token -> master.register(token, admin))
        .map(
            outcome ->
                Response.status(outcome.created() ? 201 : 200).entity(outcome.bot()).build());
  }
}
