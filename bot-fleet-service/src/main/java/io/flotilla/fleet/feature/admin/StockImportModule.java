package io.flotilla.fleet.feature.admin;

import static io.flotilla.fleet.feature.admin.AgentAdminModule.admin;

import io.flotilla.fleet.bot.BotModule;
import io.flotilla.fleet.bot.Ctx;
import io.flotilla.fleet.bot.Role;
import io.flotilla.fleet.bot.Router;
import io.flotilla.fleet.bot.Step;
import io.flotilla.fleet.feature.admin.AdminInventoryClient.ImportView;
import io.flotilla.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.telegram.telegrambots.meta.api.objects.Document;

/**
 * {@code /stock_import <product id>}, then a {@code .txt} or {@code .csv} document: the file is
 * fetched through getFile and imported into the product's stock. The inventory takes an upload all
 * or nothing and refuses duplicates, so duplicate lines are left out here (repeats within a text
 * file at once, items the product already has as the inventory names them) and the rest is
 * imported; the admin sees the progress in one edited message and, at the end, how many items went
 * in and which lines were duplicates.
 */
@ApplicationScoped
public class StockImportModule implements BotModule {

  /** The largest file a bot may download through the Bot API. */
  static final long MAX_FILE_BYTES = 20L * 1024 * 1024;

  /** Uploads that leave out what the inventory reported as already in stock, at most. */
  static final int MAX_ROUNDS = 5;

  static final int LISTED_DUPLICATES = 20;

  private static final Set<String> DUPLICATE_REASONS =
      Set.of("duplicate-in-upload", "already-in-stock");

  /** The admin is to send the file for this product. */
  public record AwaitingFile(UUID productId, String productName) {}

  static final Step<AwaitingFile> FILE = Step.of("admin.stock.file", AwaitingFile.class);

  private final AdminInventoryClient inventory;

  public StockImportModule(@RestClient AdminInventoryClient inventory) {
    this.inventory = inventory;
  }

  @Override
  public void routes(Router router) {
    admin(router, "stock_import", this::start, "cmd.stock_import");
    router.step(FILE, this::fileSent).role(Role.ADMIN);
  }

  private Uni<Void> start(Ctx ctx) {
    Optional<UUID> productId = Admins.uuid(ctx.commandArgs().strip());
    if (productId.isEmpty()) {
      return ctx.reply(ctx.t("admin.stock.usage")).replaceWithVoid();
    }
    return inventory
        .product(productId.get())
        .chain(
            product -> {
              if (!"unique".equals(product.kind())) {
                return ctx.reply(ctx.t("admin.stock.counted", product.nameEn())).replaceWithVoid();
              }
              return ctx.enter(FILE, new AwaitingFile(product.productId(), product.nameEn()))
                  .chain(() -> ctx.reply(ctx.t("admin.stock.send-file", product.nameEn())))
                  .replaceWithVoid();
            })
        .onFailure()
        .recoverWithUni(failure -> Admins.refused(ctx, failure));
  }

  private Uni<Void> fileSent(Ctx ctx, AwaitingFile awaiting) {
    Document document = ctx.message() == null ? null : ctx.message().getDocument();
    String name =
        document == null || document.getFileName() == null
            ? ""
            : document.getFileName().toLowerCase(Locale.ROOT);
    boolean csv = name.endsWith(".csv");
    if (document == null || !(csv || name.endsWith(".txt"))) {
      return ctx.reply(ctx.t("admin.stock.not-a-file")).replaceWithVoid();
    }
    if (document.getFileSize() != null && document.getFileSize() > MAX_FILE_BYTES) {
      return ctx.leave().chain(() -> ctx.reply(ctx.t("admin.stock.too-big"))).replaceWithVoid();
    }
    return ctx.leave()
        .chain(() -> ctx.reply(ctx.t("admin.stock.progress.downloading", awaiting.productName())))
        .chain(
            progress ->
                ctx.downloadFile(document.getFileId())
                    .chain(content -> importLines(ctx, awaiting, progress, content, csv))
                    .onFailure()
                    .recoverWithUni(failure -> failed(ctx, progress, failure)));
  }

  private Uni<Void> importLines(
      Ctx ctx, AwaitingFile awaiting, int progress, byte[] content, boolean csv) {
    Upload upload = Upload.of(new String(content, StandardCharsets.UTF_8), csv);
    return ctx.edit(
            progress,
            ctx.t("admin.stock.progress.checking", awaiting.productName(), upload.lineCount()),
            null)
        .chain(() -> round(ctx, awaiting, progress, upload, 1));
  }

  private Uni<Void> round(Ctx ctx, AwaitingFile awaiting, int progress, Upload upload, int round) {
    if (upload.isEmpty()) {
      return ctx.edit(progress, report(ctx, awaiting, upload, null), null);
    }
    byte[] body = upload.body();
    Uni<ImportView> sent =
        upload.csv()
            ? inventory.importCsv(awaiting.productId(), Admins.actor(ctx), body)
            : inventory.importText(awaiting.productId(), Admins.actor(ctx), body);
    return ctx.edit(
            progress,
            ctx.t(
                "admin.stock.progress.importing",
                awaiting.productName(),
                upload.itemCount(),
                upload.duplicates().size()),
            null)
        .chain(() -> sent)
        .chain(imported -> ctx.edit(progress, report(ctx, awaiting, upload, imported), null))
        .onFailure(ProblemException.class)
        .recoverWithUni(
            failure -> {
              ProblemException problem = (ProblemException) failure;
              Optional<List<Integer>> duplicates = onlyDuplicates(problem);
              if (duplicates.isPresent() && round < MAX_ROUNDS) {
                return round(ctx, awaiting, progress, upload.without(duplicates.get()), round + 1);
              }
              return ctx.edit(progress, refusal(ctx, awaiting, problem), null);
            });
  }

  /**
   * The lines of a refusal that are all duplicates, when the inventory listed every bad line; empty
   * when some line is bad for another reason or was not listed.
   */
  @SuppressWarnings("unchecked")
  private static Optional<List<Integer>> onlyDuplicates(ProblemException problem) {
    if (!"invalid-import-lines".equals(problem.slug())
        || !(problem.properties().get("errors") instanceof List<?> errors)) {
      return Optional.empty();
    }
    long counted = ((Number) problem.properties().getOrDefault("error_count", -1)).longValue();
    List<Integer> lines = new ArrayList<>();
    for (Object error : errors) {
      Map<String, Object> line = (Map<String, Object>) error;
      if (!DUPLICATE_REASONS.contains(String.valueOf(line.get("reason")))) {
        return Optional.empty();
      }
      lines.add(((Number) line.get("line")).intValue());
    }
    return counted == lines.size() && !lines.isEmpty() ? Optional.of(lines) : Optional.empty();
  }

  private static String report(Ctx ctx, AwaitingFile awaiting, Upload upload, ImportView result) {
    long imported = result == null ? 0 : result.imported();
    String text = ctx.t("admin.stock.done", awaiting.productName(), imported);
    if (result != null) {
      text += "\n" + ctx.t("admin.stock.available", result.available());
    }
    if (!upload.duplicates().isEmpty()) {
      text +=
          "\n"
              + ctx.t(
                  "admin.stock.duplicates",
                  upload.duplicates().size(),
                  upload.duplicates().stream()
                      .limit(LISTED_DUPLICATES)
                      .map(String::valueOf)
                      .collect(Collectors.joining(", ")));
    }
    return text;
  }

  @SuppressWarnings("unchecked")
  private static String refusal(Ctx ctx, AwaitingFile awaiting, ProblemException problem) {
    if (!(problem.properties().get("errors") instanceof List<?> errors)) {
      return ctx.t(
          "admin.stock.refused",
          awaiting.productName(),
          Optional.ofNullable(problem.getMessage()).orElse(problem.title()));
    }
    String lines =
        errors.stream()
            .limit(LISTED_DUPLICATES)
            .map(e -> (Map<String, Object>) e)
            .map(e -> ctx.t("admin.stock.bad-line", e.get("line"), e.get("reason")))
            .collect(Collectors.joining("\n"));
    return ctx.t(
        "admin.stock.refused",
        awaiting.productName(),
        ctx.t(
                "admin.stock.bad-lines",
                problem.properties().getOrDefault("error_count", errors.size()))
            + "\n"
            + lines);
  }

  private Uni<Void> failed(Ctx ctx, int progress, Throwable failure) {
    if (failure instanceof ProblemException problem && problem.status() < 500) {
      return ctx.edit(
          progress,
          ctx.t("admin.refused", Optional.ofNullable(problem.getMessage()).orElse(problem.title())),
          null);
    }
    return ctx.edit(progress, ctx.t("admin.stock.failed"), null)
        .chain(() -> Uni.createFrom().failure(failure));
  }

  /**
   * The lines still to upload, each with its line number in the admin's file, and the line numbers
   * left out as duplicates.
   */
  record Upload(
      boolean csv, List<String> lines, List<Integer> numbers, TreeSet<Integer> duplicates) {

    /** A text file's repeated items (trimmed, as the inventory reads them) are left out at once. */
    static Upload of(String content, boolean csv) {
      String[] split = content.split("\r?\n", -1);
      int count = split.length;
      if (count > 0 && split[count - 1].isEmpty()) {
        count--;
      }
      List<String> lines = new ArrayList<>(count);
      List<Integer> numbers = new ArrayList<>(count);
      TreeSet<Integer> duplicates = new TreeSet<>();
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < count; i++) {
        String item = split[i].strip();
        if (!csv && !item.isEmpty() && !seen.add(item)) {
          duplicates.add(i + 1);
          continue;
        }
        lines.add(split[i]);
        numbers.add(i + 1);
      }
      return new Upload(csv, lines, numbers, duplicates);
    }

    /** Leaves out these lines, numbered as in the last upload (from 1). */
    Upload without(List<Integer> uploadLines) {
      Set<Integer> out = new HashSet<>(uploadLines);
      List<String> keptLines = new ArrayList<>();
      List<Integer> keptNumbers = new ArrayList<>();
      TreeSet<Integer> moreDuplicates = new TreeSet<>(duplicates);
      for (int i = 0; i < lines.size(); i++) {
        if (out.contains(i + 1)) {
          moreDuplicates.add(numbers.get(i));
        } else {
          keptLines.add(lines.get(i));
          keptNumbers.add(numbers.get(i));
        }
      }
      return new Upload(csv, keptLines, keptNumbers, moreDuplicates);
    }

    int lineCount() {
      return lines.size() + duplicates.size();
    }

    long itemCount() {
      return lines.stream().filter(line -> !line.isBlank()).count();
    }

    boolean isEmpty() {
      return itemCount() == 0;
    }

    byte[] body() {
      return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }
  }
}
