package io.flotilla.gateway.me;

import io.flotilla.gateway.auth.ApiTokens;
import io.flotilla.gateway.signin.UserIds;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Personal API tokens in {@code api_credential}: role user, owned by one person, by hash. */
@ApplicationScoped
public class PersonalTokenRepository {

  private final Pool pool;

  public PersonalTokenRepository(Pool pool) {
    this.pool = pool;
  }

  public Uni<CreatedToken> create(long telegramId, String name) {
    String id = "tok_" + ApiTokens.newSecret().substring(0, 16);
    String token = ApiTokens.newToken();
    return pool.preparedQuery(
            "insert into api_credential (id, role, tenant_id, token_sha256, name,"
                + " owner_telegram_id) values ($1, 'user', $2, $3, $4, $5) returning created_at")
        .execute(
            Tuple.of(
                id,
                UserIds.tenantOf(telegramId),
                Buffer.buffer(ApiTokens.sha256(token)),
                name,
                telegramId))
        .map(
            rows ->
                new CreatedToken(
                    id,
                    name,
                    token,
                    rows.iterator().next().getOffsetDateTime("created_at").toInstant()));
  }

  public Uni<List<TokenView>> list(long telegramId) {
    return pool.preparedQuery(
            "select id, name, created_at, revoked_at from api_credential"
                + " where owner_telegram_id = $1 order by created_at desc, id")
        .execute(Tuple.of(telegramId))
        .map(
            rows -> {
              List<TokenView> tokens = new ArrayList<>();
              for (Row row : rows) {
                OffsetDateTime revoked = row.getOffsetDateTime("revoked_at");
                tokens.add(
                    new TokenView(
                        row.getString("id"),
                        row.getString("name"),
                        row.getOffsetDateTime("created_at").toInstant(),
                        revoked == null ? null : revoked.toInstant()));
              }
              return tokens;
            });
  }

  /** Revokes one of the person's tokens; false when they have none by that id. */
  public Uni<Boolean> revoke(long telegramId, String id) {
    return pool.preparedQuery(
            "update api_credential set revoked_at = coalesce(revoked_at, now())"
                + " where id = $1 and owner_telegram_id = $2")
        .execute(Tuple.of(id, telegramId))
        .map(rows -> rows.rowCount() == 1);
  }
}
