package io.flotilla.gateway.signin;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;

/** Used logins, people and their web sessions, in the gateway's database. */
@ApplicationScoped
public class SignInRepository {

  /**
   * Remembers a login's hash until it expires; false when it was used already. Expired ones are
   * forgotten on the way, since they would be refused as stale anyway.
   */
  public Uni<Boolean> rememberLogin(SqlClient sql, byte[] hashSha256, Instant expiresAt) {
    return sql.preparedQuery("delete from used_login where expires_at < now()")
        .execute()
        .chain(
            () ->
                sql.preparedQuery(
                        "insert into used_login (hash_sha256, expires_at) values ($1, $2)"
                            + " on conflict do nothing")
                    .execute(Tuple.of(Buffer.buffer(hashSha256), utc(expiresAt))))
        .map(rows -> rows.rowCount() == 1);
  }

  public Uni<Void> upsertUser(SqlClient sql, long telegramId, String username, String firstName) {
    return sql.preparedQuery(
            "insert into platform_user (telegram_id, username, first_name) values ($1, $2, $3)"
                + " on conflict (telegram_id) do update set username = excluded.username,"
                + " first_name = excluded.first_name, last_sign_in_at = now()")
        .execute(Tuple.of(telegramId, username, firstName))
        .replaceWithVoid();
  }

  public Uni<Void> insertSession(
      SqlClient sql,
      byte[] idSha256,
      long telegramId,
      String role,
      String csrfToken,
      Instant expiresAt) {
    return sql.preparedQuery("delete from web_session where expires_at < now()")
        .execute()
        .chain(
            () ->
                sql.preparedQuery(
                        "insert into web_session (id_sha256, telegram_id, role, csrf_token,"
                            + " expires_at) values ($1, $2, $3, $4, $5)")
                    .execute(
                        Tuple.of(
                            Buffer.buffer(idSha256), telegramId, role, csrfToken, utc(expiresAt))))
        .replaceWithVoid();
  }

  public Uni<Void> deleteSession(SqlClient sql, byte[] idSha256) {
    return sql.preparedQuery("delete from web_session where id_sha256 = $1")
        .execute(Tuple.of(Buffer.buffer(idSha256)))
        .replaceWithVoid();
  }

  private static java.time.OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
