package io.flotilla.inventory.stock;

import io.flotilla.inventory.InventoryConfig;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Imports unique items from a streamed upload, all or nothing. Lines are parsed as they arrive and
 * written in batches to a temporary table inside one transaction, so memory stays flat whatever the
 * upload's size; duplicates (within the upload, or of any item the product ever had) are found
 * there. Any bad line rolls everything back and is reported by number. Runs on a worker thread:
 * reading the request body blocks.
 */
@ApplicationScoped
public class StockImporter {

  private static final Duration STATEMENT_WAIT = Duration.ofMinutes(2);

  private final Pool pool;
  private final InventoryConfig config;
  private final Clock clock;

  public StockImporter(Pool pool, InventoryConfig config, Clock clock) {
    this.pool = pool;
    this.config = config;
    this.clock = clock;
  }

  /**
   * @throws ProblemException 404 unknown product, 422 {@code wrong-stock-kind} or {@code
   *     invalid-import-lines}, 413 {@code import-too-large}, 400 {@code invalid-encoding}
   */
  public ImportResult importItems(
      UUID productId, InputStream body, ImportFormat format, String actor) {
    SqlConnection connection = await(pool.getConnection());
    try {
      Transaction transaction = await(connection.begin());
      try {
        ImportResult result = importInTransaction(connection, productId, body, format, actor);
        await(transaction.commit());
        return result;
      } catch (RuntimeException e) {
        await(transaction.rollback().onFailure().recoverWithNull());
        throw e;
      }
    } finally {
      await(connection.close());
    }
  }

  private ImportResult importInTransaction(
      SqlConnection connection,
      UUID productId,
      InputStream body,
      ImportFormat format,
      String actor) {
    requireUniqueProduct(connection, productId);
    await(
        connection
            .query(
                "create temp table import_line (line_no integer primary key, code text not null)"
                    + " on commit drop")
            .execute());
    StagedUpload staged = stage(connection, body, format);
    List<ImportError> errors = new ArrayList<>(staged.errors);
    long errorCount = staged.errorCount + duplicates(connection, productId, errors);
    if (errorCount > 0) {
      errors.sort(Comparator.comparingInt(ImportError::line));
      throw new ProblemException(
          422,
          "invalid-import-lines",
          "Unprocessable request",
          errorCount + " line(s) cannot be imported; nothing was imported",
          Map.of(
              "error_count",
              errorCount,
              "errors",
              errors.subList(
                  0, Math.min(errors.size(), config.stockImport().maxReportedErrors()))));
    }
    return store(connection, productId, staged, actor);
  }

  private static void requireUniqueProduct(SqlConnection connection, UUID productId) {
    // Serialises imports of one product (no key update: orders referencing it are not blocked).
    RowSet<Row> product =
        await(
            connection
                .preparedQuery("select kind from product where id = $1 for no key update")
                .execute(Tuple.of(productId)));
    if (product.size() == 0) {
      throw ProblemException.notFound("No product " + productId);
    }
    if (!"UNIQUE".equals(product.iterator().next().getString("kind"))) {
      throw ProblemException.unprocessable(
          "wrong-stock-kind",
          "Product " + productId + " is sold by count; adjust its stock instead of importing");
    }
  }

  /** Parsing results of a whole upload, with the valid items staged in {@code import_line}. */
  private static final class StagedUpload {
    final List<ImportError> errors = new ArrayList<>();
    long errorCount;
    long items;
    long blankLines;
  }

  private StagedUpload stage(SqlConnection connection, InputStream body, ImportFormat format) {
    InventoryConfig.StockImport limits = config.stockImport();
    StagedUpload staged = new StagedUpload();
    List<Integer> lineNumbers = new ArrayList<>(limits.batchSize());
    List<String> items = new ArrayList<>(limits.batchSize());
    // A quoted CSV field may double its quotes; the item limit is checked after unquoting.
    LineReader reader =
        new LineReader(
            new InputStreamReader(
                body,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)),
            limits.maxItemLength() * 2 + 2);
    try {
      boolean first = true;
      for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
        if (line.number() > limits.maxLines()) {
          throw new ProblemException(
              413,
              "import-too-large",
              "Upload too large",
              "One upload may have at most " + limits.maxLines() + " lines; nothing was imported");
        }
        ImportFormat.Parsed parsed =
            line.tooLong()
                ? ImportFormat.Parsed.error(ImportFormat.TOO_LONG)
                : format.parse(line.text(), limits.maxItemLength());
        boolean header =
            first && format == ImportFormat.CSV && ImportFormat.isCsvHeader(line.text());
        if (!parsed.isBlank()) {
          first = false;
        }
        if (header || parsed.isBlank()) {
          staged.blankLines += header ? 0 : 1;
          continue;
        }
        if (parsed.error() != null) {
          staged.errorCount++;
          if (staged.errors.size() < limits.maxReportedErrors()) {
            staged.errors.add(new ImportError(line.number(), parsed.error(), null));
          }
          continue;
        }
        lineNumbers.add(line.number());
        items.add(parsed.item());
        staged.items++;
        if (items.size() == limits.batchSize()) {
          insertBatch(connection, lineNumbers, items);
        }
      }
      insertBatch(connection, lineNumbers, items);
      return staged;
    } catch (CharacterCodingException e) {
      throw ProblemException.badRequest("invalid-encoding", "The upload is not valid UTF-8 text");
    } catch (IOException e) {
      throw new UncheckedIOException("The upload could not be read", e);
    }
  }

  private static void insertBatch(
      SqlConnection connection, List<Integer> lineNumbers, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    await(
        connection
            .preparedQuery(
                "insert into import_line (line_no, code)"
                    + " select * from unnest($1::integer[], $2::text[])")
            .execute(Tuple.of(lineNumbers.toArray(Integer[]::new), items.toArray(String[]::new))));
    lineNumbers.clear();
    items.clear();
  }

  /** Adds duplicate lines to {@code errors} (up to the report limit) and returns their count. */
  private long duplicates(SqlConnection connection, UUID productId, List<ImportError> errors) {
    int limit = config.stockImport().maxReportedErrors();
    long inUpload =
        await(
                connection
                    .query("select count(*) - count(distinct code) as n from import_line")
                    .execute())
            .iterator()
            .next()
            .getLong("n");
    if (inUpload > 0) {
      for (Row row :
          await(
              connection
                  .preparedQuery(
                      "select line_no, first_line from (select line_no,"
                          + " min(line_no) over (partition by code) as first_line"
                          + " from import_line) d where line_no <> first_line"
                          + " order by line_no limit $1")
                  .execute(Tuple.of(limit)))) {
        errors.add(
            new ImportError(
                row.getInteger("line_no"),
                ImportError.DUPLICATE_IN_UPLOAD,
                row.getInteger("first_line")));
      }
    }
    RowSet<Row> known =
        await(
            connection
                .preparedQuery(
                    "select l.line_no, count(*) over () as n from import_line l"
                        + " join stock_item s on s.product_id = $1 and s.code = l.code"
                        + " order by l.line_no limit $2")
                .execute(Tuple.of(productId, limit)));
    long inStock = 0;
    for (Row row : known) {
      inStock = row.getLong("n");
      errors.add(new ImportError(row.getInteger("line_no"), ImportError.ALREADY_IN_STOCK, null));
    }
    return inUpload + inStock;
  }

  private ImportResult store(
      SqlConnection connection, UUID productId, StagedUpload staged, String actor) {
    var now = clock.instant().atOffset(ZoneOffset.UTC);
    await(
        connection
            .preparedQuery(
                "insert into stock_item (product_id, code, state, created_at)"
                    + " select $1, code, 'AVAILABLE', $2 from import_line order by line_no")
            .execute(Tuple.of(productId, now)));
    // The counter row last: it is the row every sale of this product waits for.
    Row stock =
        await(
                connection
                    .preparedQuery(
                        "update product_stock set total = total + $2, available = available + $2"
                            + " where product_id = $1 returning total, available")
                    .execute(Tuple.of(productId, staged.items)))
            .iterator()
            .next();
    await(
        connection
            .preparedQuery(
                "insert into stock_change (product_id, kind, delta, actor, created_at)"
                    + " values ($1, 'IMPORT', $2, $3, $4)")
            .execute(Tuple.of(productId, staged.items, actor, now)));
    return new ImportResult(
        productId,
        staged.items,
        staged.blankLines,
        stock.getLong("total"),
        stock.getLong("available"));
  }

  private static <T> T await(Uni<T> uni) {
    return uni.await().atMost(STATEMENT_WAIT);
  }
}
