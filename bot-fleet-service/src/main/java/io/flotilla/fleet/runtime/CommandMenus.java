package io.flotilla.fleet.runtime;

import io.flotilla.contracts.events.TenantKind;
import io.flotilla.fleet.bot.BotInfo;
import io.flotilla.fleet.bot.Role;
import io.flotilla.fleet.bot.Router.Command;
import io.flotilla.fleet.bot.Routes;
import io.flotilla.fleet.dispatch.PlatformAdmins;
import io.flotilla.fleet.dispatch.PrivilegedPersonWrote;
import io.flotilla.fleet.i18n.Language;
import io.flotilla.fleet.i18n.Texts;
import io.flotilla.fleet.outbound.BotSender;
import io.flotilla.fleet.outbound.Priority;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Publishes each bot's command menu with {@code setMyCommands}, per language and per scope: every
 * customer sees the customer commands; in an agent's bot its owners, and in the master bot the
 * platform admins, see theirs too (a {@code chat} scope for each of them). What was published is
 * remembered by digest, so a restart of ten thousand unchanged bots calls Telegram for none of
 * them, and a scope no longer wanted (an admin removed) is deleted, as is a list with no commands.
 */
@ApplicationScoped
public class CommandMenus {

  private static final Logger LOG = Logger.getLogger(CommandMenus.class);
  private static final String DEFAULT_SCOPE = "default";

  private final Routes routes;
  private final PlatformAdmins admins;
  private final Pool pool;

  public CommandMenus(Routes routes, PlatformAdmins admins, Pool pool) {
    this.routes = routes;
    this.admins = admins;
    this.pool = pool;
  }

  /** One menu to publish: where, in which language, which commands. */
  record Menu(String scope, Language language, List<Map<String, String>> commands) {

    Map<String, Object> scopeJson() {
      return scope.equals(DEFAULT_SCOPE)
          ? Map.of("type", "default")
          : Map.of("type", "chat", "chat_id", Long.parseLong(scope.substring("chat:".length())));
    }

    /** English is the list without a language code: what every other language sees too. */
    String languageKey() {
      return language == Language.EN ? "" : language.code();
    }

    String digest() {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        commands.forEach(
            c ->
                sha.update(
                    (c.get("command") + "\u0000" + c.get("description") + "\n")
                        .getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(sha.digest());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The menus a bot should have; a menu without commands is not published. */
  List<Menu> menusOf(BotInfo bot) {
    List<Menu> menus = new ArrayList<>();
    Set<Long> privileged = Set.of();
    Set<Role> privilegedRoles = EnumSet.of(Role.CUSTOMER);
    if (bot.kind() == TenantKind.AGENT) {
      privileged = bot.ownerTelegramIds();
      privilegedRoles.add(Role.AGENT_OWNER);
    } else if (bot.kind() == TenantKind.MASTER) {
      privileged = admins.all();
      privilegedRoles.add(Role.ADMIN);
    } else if (bot.kind() == TenantKind.USER) {
      privileged = bot.ownerTelegramIds();
      privilegedRoles.add(Role.BOT_OWNER);
    }
    for (Language language : Language.values()) {
      menus.add(
          new Menu(
              DEFAULT_SCOPE, language, commands(bot.kind(), EnumSet.of(Role.CUSTOMER), language)));
      for (long userId : privileged) {
        menus.add(
            new Menu("chat:" + userId, language, commands(bot.kind(), privilegedRoles, language)));
      }
    }
    menus.removeIf(menu -> menu.commands().isEmpty());
    return menus;
  }

  /** A privileged person opened the chat: their own menu can be published now. */
  void onPrivilegedPersonWrote(@ObservesAsync PrivilegedPersonWrote wrote) {
    publish(wrote.bot().info(), wrote.bot().sender()).subscribe().with(done -> {}, failure -> {});
  }

  public Uni<Void> publish(BotInfo bot, BotSender sender) {
    List<Menu> wanted = menusOf(bot);
    return pool.preparedQuery(
            "select scope, language, digest from published_commands where bot_id = $1")
        .execute(Tuple.of(bot.botId()))
        .chain(
            rows -> {
              Map<String, String> published = new LinkedHashMap<>();
              for (Row row : rows) {
                published.put(
                    row.getString("scope") + "|" + row.getString("language"),
                    row.getString("digest"));
              }
              List<Uni<Void>> calls = new ArrayList<>();
              for (Menu menu : wanted) {
                String key = menu.scope() + "|" + menu.language().code();
                String digest = menu.digest();
                if (!digest.equals(published.remove(key))) {
                  calls.add(set(bot, sender, menu, digest));
                }
              }
              published.keySet().forEach(key -> calls.add(delete(bot, sender, key)));
              return calls.isEmpty()
                  ? Uni.createFrom().voidItem()
                  : Multi.createFrom()
                      .iterable(calls)
                      .onItem()
                      .transformToUniAndConcatenate(call -> call)
                      .collect()
                      .last()
                      .replaceWithVoid();
            });
  }

  private Uni<Void> set(BotInfo bot, BotSender sender, Menu menu, String digest) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("commands", menu.commands());
    parameters.put("scope", menu.scopeJson());
    if (!menu.languageKey().isEmpty()) {
      parameters.put("language_code", menu.languageKey());
    }
    return sender
        .send(Priority.BROADCAST, null, "setMyCommands", parameters)
        .chain(
            done ->
                pool.preparedQuery(
                        """
                        insert into published_commands (bot_id, scope, language, digest)
                        values ($1, $2, $3, $4)
                        on conflict (bot_id, scope, language) do update
                           set digest = excluded.digest, published_at = now()
                        """)
                    .execute(Tuple.of(bot.botId(), menu.scope(), menu.language().code(), digest)))
        .replaceWithVoid()
        .onFailure()
        .recoverWithItem(
            failure -> {
              // A person who never opened the chat cannot get a chat-scoped menu yet; the next
              // start or change tries again.
              LOG.debugf("Menu %s of bot %d not published: %s", menu.scope(), bot.botId(), failure);
              return null;
            });
  }

  private Uni<Void> delete(BotInfo bot, BotSender sender, String key) {
    String scope = key.substring(0, key.indexOf('|'));
    Language language = Language.fromCode(key.substring(key.indexOf('|') + 1)).orElse(Language.EN);
    Menu menu = new Menu(scope, language, List.of());
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("scope", menu.scopeJson());
    if (!menu.languageKey().isEmpty()) {
      parameters.put("language_code", menu.languageKey());
    }
    return sender
        .send(Priority.BROADCAST, null, "deleteMyCommands", parameters)
        .chain(
            done ->
                pool.preparedQuery(
                        "delete from published_commands where bot_id = $1 and scope = $2"
                            + " and language = $3")
                    .execute(Tuple.of(bot.botId(), scope, language.code())))
        .replaceWithVoid()
        .onFailure()
        .recoverWithNull();
  }

  private List<Map<String, String>> commands(TenantKind kind, Set<Role> roles, Language language) {
    List<Map<String, String>> commands = new ArrayList<>();
    for (Command command : routes.menu(kind, roles)) {
      commands.add(
          Map.of(
              "command", command.name(), "description", Texts.text(language, command.menuKey())));
    }
    return commands;
  }
}
