package io.flotilla.credential.keys;

import io.flotilla.credential.bot.Bot;
import io.flotilla.credential.crypto.CredentialCipher;
import io.flotilla.credential.crypto.CredentialTamperedException;
import io.flotilla.credential.crypto.CryptoConfig;
import io.flotilla.credential.crypto.Keyring;
import io.flotilla.credential.crypto.SecretBinding;
import io.flotilla.credential.crypto.TamperAlarm;
import io.flotilla.credential.mtproto.MtprotoAccount;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Drives key rotations, on whichever replica claims the rotation row first ({@code FOR UPDATE SKIP
 * LOCKED}). Each step is one transaction: promoting the new key, or re-encrypting one batch of bot
 * rows (with their MTProto accounts) in tenant id order and advancing the cursor. A crash loses at
 * most the batch in flight, which the next step redoes. Reads keep working throughout: every key
 * stays in the keyset until it is retired, and rows are locked only for their own batch.
 */
@ApplicationScoped
public class KeyRotationWorker {

  private static final Logger LOG = Logger.getLogger(KeyRotationWorker.class);

  /** What one step did. */
  public enum Step {
    /** No rotation is running. */
    IDLE,
    /** The rotation waits for its propagation delay, or for this replica to load the new key. */
    WAITING,
    /** The new key became primary. */
    PROMOTED,
    /** One batch was re-encrypted; more may follow. */
    BATCH,
    /** The last batch was re-encrypted. */
    COMPLETED
  }

  private final Pool pool;
  private final Keyring keyring;
  private final CredentialCipher cipher;
  private final TamperAlarm alarm;
  private final CryptoConfig config;
  private final Vertx vertx;
  private final Clock clock;

  public KeyRotationWorker(
      Pool pool,
      Keyring keyring,
      CredentialCipher cipher,
      TamperAlarm alarm,
      CryptoConfig config,
      Vertx vertx,
      Clock clock) {
    this.pool = pool;
    this.keyring = keyring;
    this.cipher = cipher;
    this.alarm = alarm;
    this.config = config;
    this.vertx = vertx;
    this.clock = clock;
  }

  @Scheduled(
      every = "${flotilla.crypto.rotation.worker-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> tick() {
    return drain()
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(
            failure -> {
              String error = failure.getClass().getSimpleName();
              LOG.warnf("Key rotation step failed and will be retried: %s", error);
              return pool.preparedQuery(
                      "update key_rotation set last_error = $1, updated_at = $2"
                          + " where state <> 'COMPLETED'")
                  .execute(Tuple.of(error, now()))
                  .replaceWithVoid()
                  .onFailure()
                  .recoverWithNull();
            });
  }

  /** Runs steps until the rotation waits or completes, or there is none. */
  public Uni<Step> drain() {
    return Multi.createBy()
        .repeating()
        .uni(this::step)
        .whilst(step -> step == Step.PROMOTED || step == Step.BATCH)
        .collect()
        .last();
  }

  /**
   * One step, in its own transaction. The commit does not wait for the WAL flush: a step lost in a
   * crash rolls back whole (rows and cursor together) and is simply done again, and every later
   * durable commit, such as a key retirement, flushes it first.
   */
  public Uni<Step> step() {
    // Most ticks find no rotation: that is answered by one read, without opening a transaction.
    return pool.preparedQuery("select 1 from key_rotation where state <> 'COMPLETED' limit 1")
        .execute()
        .chain(running -> running.size() == 0 ? Uni.createFrom().item(Step.IDLE) : claimStep());
  }

  private Uni<Step> claimStep() {
    return pool.withTransaction(
        connection ->
            connection
                .query("set local synchronous_commit = off")
                .execute()
                .chain(
                    ignored ->
                        connection
                            .preparedQuery(
                                "select id, state, new_key_id, cursor_tenant_id, promote_at,"
                                    + " reencrypt_at from key_rotation where state <> 'COMPLETED'"
                                    + " for update skip locked")
                            .execute())
                .chain(
                    rows ->
                        rows.size() == 0
                            ? Uni.createFrom().item(Step.IDLE)
                            : advance(connection, rows.iterator().next())));
  }

  private Uni<Step> advance(SqlConnection connection, Row rotation) {
    long id = rotation.getLong("id");
    long newKeyId = rotation.getLong("new_key_id");
    Instant now = clock.instant();
    if (RotationState.KEY_ADDED.name().equals(rotation.getString("state"))) {
      if (now.isBefore(rotation.getOffsetDateTime("promote_at").toInstant())) {
        return Uni.createFrom().item(Step.WAITING);
      }
      return promote(connection, id, newKeyId, now);
    }
    if (now.isBefore(rotation.getOffsetDateTime("reencrypt_at").toInstant())) {
      return Uni.createFrom().item(Step.WAITING);
    }
    if (keyring.active().primaryKeyId() != newKeyId) {
      return vertx
          .executeBlocking(
              () -> {
                keyring.reloadIfChanged();
                return keyring.active().primaryKeyId() == newKeyId;
              })
          .chain(
              loaded ->
                  loaded
                      ? reencryptBatch(connection, id, rotation.getString("cursor_tenant_id"))
                      : waitForKey(newKeyId));
    }
    return reencryptBatch(connection, id, rotation.getString("cursor_tenant_id"));
  }

  private Uni<Step> waitForKey(long newKeyId) {
    LOG.warnf("Key rotation waits: key %d is not primary in this replica's keyset yet", newKeyId);
    return Uni.createFrom().item(Step.WAITING);
  }

  private Uni<Step> promote(SqlConnection connection, long id, long newKeyId, Instant now) {
    return vertx
        .executeBlocking(
            () -> {
              keyring.promote(newKeyId);
              return newKeyId;
            })
        .chain(
            promoted ->
                connection
                    .preparedQuery(
                        "update key_rotation set state = 'RE_ENCRYPTING', reencrypt_at = $2,"
                            + " rows_total = (select count(*) from bot"
                            + " where token_ciphertext is not null),"
                            + " updated_at = $3, last_error = null where id = $1")
                    .execute(
                        Tuple.of(id, at(now.plus(config.rotation().propagationDelay())), at(now))))
        .invoke(() -> LOG.infof("Key rotation %d: key %d promoted", id, newKeyId))
        .replaceWith(Step.PROMOTED);
  }

  private Uni<Step> reencryptBatch(SqlConnection connection, long id, String cursor) {
    int batchSize = config.rotation().batchSize();
    return connection
        .preparedQuery(
            "select tenant_id, bot_id, token_ciphertext from bot"
                + " where tenant_id > $1 and token_ciphertext is not null"
                + " order by tenant_id limit $2 for update")
        .execute(Tuple.of(cursor, batchSize))
        .chain(
            botRows -> {
              List<Row> bots = new ArrayList<>(botRows.size());
              botRows.forEach(bots::add);
              String[] tenantIds =
                  bots.stream().map(row -> row.getString("tenant_id")).toArray(String[]::new);
              return connection
                  .preparedQuery(
                      "select tenant_id, api_hash_ciphertext, phone_ciphertext,"
                          + " database_key_ciphertext, session_ciphertext from mtproto_account"
                          + " where tenant_id = any($1) for update")
                  .execute(Tuple.of(tenantIds))
                  .chain(
                      accountRows -> {
                        Map<String, Row> accounts = new HashMap<>();
                        accountRows.forEach(row -> accounts.put(row.getString("tenant_id"), row));
                        Batch batch = reencrypt(bots, accounts);
                        return write(connection, batch)
                            .chain(() -> advanceCursor(connection, id, bots, batch, batchSize));
                      });
            });
  }

  /** Re-encrypts in memory; a row with any field that does not decrypt is left as it is. */
  private Batch reencrypt(List<Row> bots, Map<String, Row> accounts) {
    Batch batch = new Batch();
    for (Row bot : bots) {
      String tenantId = bot.getString("tenant_id");
      try {
        Optional<byte[]> token =
            cipher.reencrypt(
                bytes(bot, "token_ciphertext"), Bot.tokenBinding(tenantId, bot.getLong("bot_id")));
        Row account = accounts.get(tenantId);
        Optional<byte[][]> accountFields =
            account == null ? Optional.empty() : reencryptAccount(tenantId, account);
        token.ifPresent(ciphertext -> batch.tokens.add(tenantId, ciphertext));
        accountFields.ifPresent(ciphertexts -> batch.accounts.add(tenantId, ciphertexts));
      } catch (CredentialTamperedException e) {
        alarm.record(e);
        batch.failed++;
      }
    }
    return batch;
  }

  /** The account's fields under the primary key, or empty when all of them already are. */
  private Optional<byte[][]> reencryptAccount(String tenantId, Row account) {
    String[][] fields = {
      {"api_hash_ciphertext", MtprotoAccount.API_HASH},
      {"phone_ciphertext", MtprotoAccount.PHONE},
      {"database_key_ciphertext", MtprotoAccount.DATABASE_KEY},
      {"session_ciphertext", MtprotoAccount.SESSION}
    };
    byte[][] result = new byte[fields.length][];
    boolean changed = false;
    for (int i = 0; i < fields.length; i++) {
      byte[] current = bytes(account, fields[i][0]);
      if (current != null) {
        SecretBinding binding = MtprotoAccount.binding(tenantId, fields[i][1]);
        Optional<byte[]> reencrypted = cipher.reencrypt(current, binding);
        changed |= reencrypted.isPresent();
        result[i] = reencrypted.orElse(current);
      }
    }
    return changed ? Optional.of(result) : Optional.empty();
  }

  private Uni<Void> write(SqlConnection connection, Batch batch) {
    Uni<Void> tokens =
        batch.tokens.isEmpty()
            ? Uni.createFrom().voidItem()
            : connection
                .preparedQuery(
                    "update bot set token_ciphertext = d.c"
                        + " from unnest($1::text[], $2::bytea[]) as d(t, c)"
                        + " where bot.tenant_id = d.t")
                .execute(Tuple.of(batch.tokens.tenantIds(), batch.tokens.values(0)))
                .replaceWithVoid();
    if (batch.accounts.isEmpty()) {
      return tokens;
    }
    return tokens.chain(
        () ->
            connection
                .preparedQuery(
                    "update mtproto_account m set api_hash_ciphertext = d.h,"
                        + " phone_ciphertext = d.p, database_key_ciphertext = d.k,"
                        + " session_ciphertext = d.s from unnest($1::text[], $2::bytea[],"
                        + " $3::bytea[], $4::bytea[], $5::bytea[]) as d(t, h, p, k, s)"
                        + " where m.tenant_id = d.t")
                .execute(
                    Tuple.of(
                        batch.accounts.tenantIds(),
                        batch.accounts.values(0),
                        batch.accounts.values(1),
                        batch.accounts.values(2),
                        batch.accounts.values(3)))
                .replaceWithVoid());
  }

  private Uni<Step> advanceCursor(
      SqlConnection connection, long id, List<Row> bots, Batch batch, int batchSize) {
    boolean last = bots.size() < batchSize;
    Instant now = clock.instant();
    String cursor = bots.isEmpty() ? null : bots.get(bots.size() - 1).getString("tenant_id");
    return connection
        .preparedQuery(
            "update key_rotation set cursor_tenant_id = coalesce($2, cursor_tenant_id),"
                + " rows_done = rows_done + $3, rows_failed = rows_failed + $4,"
                + " state = $5, completed_at = $6, updated_at = $7, last_error = null"
                + " where id = $1 returning rows_done, rows_failed")
        .execute(
            Tuple.from(
                Arrays.asList(
                    id,
                    cursor,
                    (long) bots.size(),
                    (long) batch.failed,
                    last ? RotationState.COMPLETED.name() : RotationState.RE_ENCRYPTING.name(),
                    last ? at(now) : null,
                    at(now))))
        .map(
            rows -> {
              if (!last) {
                return Step.BATCH;
              }
              Row totals = rows.iterator().next();
              LOG.infof(
                  "Key rotation %d completed: %d rows visited, %d did not decrypt",
                  id, totals.getLong("rows_done"), totals.getLong("rows_failed"));
              return Step.COMPLETED;
            });
  }

  private static byte[] bytes(Row row, String column) {
    Buffer buffer = row.getBuffer(column);
    return buffer == null ? null : buffer.getBytes();
  }

  private static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private OffsetDateTime now() {
    return at(clock.instant());
  }

  /** The new ciphertexts of one batch, column by column, for {@code unnest}. */
  private static final class Batch {
    final Columns tokens = new Columns(1);
    final Columns accounts = new Columns(4);
    int failed;
  }

  private static final class Columns {
    private final List<String> tenantIds = new ArrayList<>();
    private final List<io.vertx.core.buffer.Buffer[]> rows = new ArrayList<>();
    private final int width;

    Columns(int width) {
      this.width = width;
    }

    void add(String tenantId, byte[]... values) {
      io.vertx.core.buffer.Buffer[] row = new io.vertx.core.buffer.Buffer[width];
      for (int i = 0; i < width; i++) {
        row[i] = values[i] == null ? null : io.vertx.core.buffer.Buffer.buffer(values[i]);
      }
      tenantIds.add(tenantId);
      rows.add(row);
    }

    boolean isEmpty() {
      return tenantIds.isEmpty();
    }

    String[] tenantIds() {
      return tenantIds.toArray(String[]::new);
    }

    /** One column as the core buffers the PostgreSQL client encodes as {@code bytea[]}. */
    io.vertx.core.buffer.Buffer[] values(int column) {
      return rows.stream().map(row -> row[column]).toArray(io.vertx.core.buffer.Buffer[]::new);
    }
  }
}
