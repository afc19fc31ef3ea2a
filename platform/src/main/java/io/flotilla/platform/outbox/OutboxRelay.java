package io.flotilla.platform.outbox;

import io.flotilla.platform.messaging.MessagingConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Moves outbox rows to Kafka. Each run claims the oldest unsent rows with {@code FOR UPDATE SKIP
 * LOCKED} (so replicas never send the same row at once), sends them, waits for the broker's
 * acknowledgements and marks them sent in the same transaction. When the broker is down the
 * transaction rolls back and the rows wait for the next run; a crash between the ack and the commit
 * re-sends the batch, which consumers absorb by event id.
 */
@ApplicationScoped
public class OutboxRelay {

  private final Pool pool;
  private final MutinyEmitter<String> emitter;
  private final MessagingConfig config;
  private final Counter relayed;

  public OutboxRelay(
      Pool pool,
      @Channel("outbox") MutinyEmitter<String> emitter,
      MessagingConfig config,
      MeterRegistry registry) {
    this.pool = pool;
    this.emitter = emitter;
    this.config = config;
    this.relayed = registry.counter("flotilla.outbox.relayed");
  }

  /** Relays batches until the outbox is empty and returns how many rows were sent. */
  public Uni<Integer> drain() {
    return relayBatch()
        .chain(
            sent ->
                sent < config.relayBatchSize()
                    ? Uni.createFrom().item(sent)
                    : drain().map(more -> more + sent));
  }

  /** Relays one batch and returns how many rows were sent. */
  public Uni<Integer> relayBatch() {
    return pool.withTransaction(
        connection ->
            claim(connection)
                .chain(
                    rows ->
                        rows.isEmpty() ? Uni.createFrom().item(0) : sendAndMark(connection, rows)));
  }

  private Uni<List<Row>> claim(SqlConnection connection) {
    return connection
        .preparedQuery(
            "select id, topic, message_key, envelope::text as envelope from outbox_event"
                + " where sent_at is null order by id limit $1 for update skip locked")
        .execute(Tuple.of(config.relayBatchSize()))
        .map(
            rowSet -> {
              List<Row> rows = new ArrayList<>();
              rowSet.forEach(rows::add);
              return rows;
            });
  }

  private Uni<Integer> sendAndMark(SqlConnection connection, List<Row> rows) {
    List<Uni<Void>> acks = new ArrayList<>(rows.size());
    Long[] ids = new Long[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      ids[i] = row.getLong("id");
      OutgoingKafkaRecordMetadata<String> metadata =
          OutgoingKafkaRecordMetadata.<String>builder()
              .withTopic(config.topic(row.getString("topic")))
              .withKey(row.getString("message_key"))
              .build();
      acks.add(emitter.sendMessage(Message.of(row.getString("envelope")).addMetadata(metadata)));
    }
    return Uni.join()
        .all(acks)
        .andFailFast()
        .ifNoItem()
        .after(config.relayAckTimeout())
        .fail()
        .chain(
            ignored ->
                connection
                    .preparedQuery("update outbox_event set sent_at = $1 where id = any($2)")
                    .execute(Tuple.of(OffsetDateTime.now(ZoneOffset.UTC), ids)))
        .map(
            updated -> {
              relayed.increment(rows.size());
              return rows.size();
            });
  }

  /** Deletes relayed rows older than the retention. */
  public Uni<Void> deleteRelayedRows() {
    return pool.preparedQuery("delete from outbox_event where sent_at < $1")
        .execute(Tuple.of(OffsetDateTime.now(ZoneOffset.UTC).minus(config.sentRetention())))
        .replaceWithVoid();
  }
}
