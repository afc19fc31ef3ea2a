package io.flotilla.fleet.bot;

import io.flotilla.contracts.events.TenantKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where {@link BotModule}s declare what they answer: commands (with the role they need and the
 * kinds of bot they exist in), buttons by their {@link CallbackData} type, the text or document a
 * conversation {@link Step} waits for, {@code /start} deep-link payloads, and Telegram Stars
 * payment updates. Filled once at start-up, read by the dispatcher for every update.
 */
public final class Router {

  private static final Pattern COMMAND = Pattern.compile("[a-z0-9_]{1,32}");
  private static final Set<TenantKind> SHOPS = EnumSet.of(TenantKind.MASTER, TenantKind.AGENT);

  private final Map<String, List<Command>> commands = new LinkedHashMap<>();
  private final Map<Class<?>, Button<?>> buttons = new LinkedHashMap<>();
  private final Map<String, StepRoute<?>> steps = new LinkedHashMap<>();
  private final List<DeepLink> deepLinks = new ArrayList<>();
  private final CallbackCodec codec = new CallbackCodec();
  private final List<Fallback> fallbacks = new ArrayList<>();
  private Handler preCheckout;
  private Handler successfulPayment;

  /**
   * A command; by default for customers of shop bots and not listed in the command menu. One name
   * may have a handler per kind of bot ({@code /start} greets differently in a user's own bot).
   */
  public Command command(String name, Handler handler) {
    if (!COMMAND.matcher(name).matches()) {
      throw new IllegalArgumentException("Telegram commands are 1-32 of a-z, 0-9, _: " + name);
    }
    Command command = new Command(name, handler);
    commands.computeIfAbsent(name, n -> new ArrayList<>()).add(command);
    return command;
  }

  public <T extends CallbackData> Button<T> callback(Class<T> type, Handler.With<T> handler) {
    codec.register(type);
    Button<T> button = new Button<>(handler);
    if (buttons.putIfAbsent(type, button) != null) {
      throw new IllegalStateException(type + " has two handlers");
    }
    return button;
  }

  /**
   * What a person's next message means while they are at this step (text or a document); by default
   * for anyone, {@code .role(...)} for steps of privileged commands.
   */
  public <T> StepRoute<T> step(Step<T> step, Handler.With<T> handler) {
    StepRoute<T> route = new StepRoute<>(step, handler);
    if (steps.putIfAbsent(step.name(), route) != null) {
      throw new IllegalStateException("step " + step.name() + " has two handlers");
    }
    return route;
  }

  /** {@code /start <prefix><rest>} in shop bots: the handler gets the rest of the payload. */
  public void deepLink(String prefix, Handler.With<String> handler) {
    deepLinks.add(new DeepLink(prefix, SHOPS, handler));
  }

  public void preCheckout(Handler handler) {
    preCheckout = only(preCheckout, handler, "pre_checkout_query");
  }

  public void successfulPayment(Handler handler) {
    successfulPayment = only(successfulPayment, handler, "successful_payment");
  }

  /** Plain text outside any step and not a command; by default in shop bots. */
  public Fallback text(Handler handler) {
    return fallback(Fallback.Kind.TEXT, handler);
  }

  /** Any message (text, photo, document...) outside any step and not a command. */
  public Fallback anyMessage(Handler handler) {
    return fallback(Fallback.Kind.ANY_MESSAGE, handler);
  }

  /** A command no module registered for this kind of bot, instead of "unknown command". */
  public Fallback otherCommand(Handler handler) {
    return fallback(Fallback.Kind.OTHER_COMMAND, handler);
  }

  Optional<Command> command(String name, TenantKind kind) {
    return commands.getOrDefault(name, List.of()).stream()
        .filter(command -> command.kinds.contains(kind))
        .findFirst();
  }

  /** Commands listed in the menu of a bot of this kind for someone with these roles, in order. */
  public List<Command> menu(TenantKind kind, Set<Role> roles) {
    return commands.values().stream()
        .flatMap(List::stream)
        .filter(c -> c.menuKey != null && c.kinds.contains(kind) && roles.contains(c.role))
        .toList();
  }

  Optional<Handler> fallback(Fallback.Kind kind, TenantKind botKind) {
    return fallbacks.stream()
        .filter(f -> f.kind == kind && f.botKinds.contains(botKind))
        .findFirst()
        .map(f -> f.handler);
  }

  /** Checked once all modules registered: two handlers for one command in one kind of bot. */
  void checkUnambiguous() {
    for (Map.Entry<String, List<Command>> entry : commands.entrySet()) {
      Set<TenantKind> seen = EnumSet.noneOf(TenantKind.class);
      for (Command command : entry.getValue()) {
        for (TenantKind kind : command.kinds) {
          if (!seen.add(kind)) {
            throw new IllegalStateException(
                "command /" + entry.getKey() + " has two handlers in " + kind + " bots");
          }
        }
      }
    }
    for (Fallback.Kind kind : Fallback.Kind.values()) {
      for (TenantKind botKind : TenantKind.values()) {
        if (fallbacks.stream().filter(f -> f.kind == kind && f.botKinds.contains(botKind)).count()
            > 1) {
          throw new IllegalStateException(kind + " has two handlers in " + botKind + " bots");
        }
      }
    }
  }

  private Fallback fallback(Fallback.Kind kind, Handler handler) {
    Fallback fallback = new Fallback(kind, handler);
    fallbacks.add(fallback);
    return fallback;
  }

  @SuppressWarnings("unchecked")
  <T> Optional<Button<T>> button(Class<T> type) {
    return Optional.ofNullable((Button<T>) buttons.get(type));
  }

  Optional<StepRoute<?>> step(String name) {
    return Optional.ofNullable(steps.get(name));
  }

  Optional<DeepLinkMatch> deepLink(String payload, TenantKind kind) {
    return deepLinks.stream()
        .filter(link -> link.kinds().contains(kind) && payload.startsWith(link.prefix()))
        .findFirst()
        .map(link -> new DeepLinkMatch(link.handler(), payload.substring(link.prefix().length())));
  }

  CallbackCodec codec() {
    return codec;
  }

  Optional<Handler> preCheckoutHandler() {
    return Optional.ofNullable(preCheckout);
  }

  Optional<Handler> successfulPaymentHandler() {
    return Optional.ofNullable(successfulPayment);
  }

  private static Handler only(Handler current, Handler handler, String what) {
    if (current != null) {
      throw new IllegalStateException(what + " has two handlers");
    }
    return handler;
  }

  /** A registered command; the builder methods refine it. */
  public static final class Command {
    private final String name;
    private final Handler handler;
    private Role role = Role.CUSTOMER;
    private Set<TenantKind> kinds = SHOPS;
    private String menuKey;

    private Command(String name, Handler handler) {
      this.name = name;
      this.handler = handler;
    }

    /** Listed in the bot's command menu with this text key as its description. */
    public Command menu(String descriptionKey) {
      this.menuKey = descriptionKey;
      return this;
    }

    /** Only for people with this role; to everyone else it does not exist. */
    public Command role(Role required) {
      this.role = required;
      return this;
    }

    /** Only in bots of these kinds. */
    public Command in(TenantKind first, TenantKind... more) {
      this.kinds = EnumSet.of(first, more);
      return this;
    }

    public String name() {
      return name;
    }

    public String menuKey() {
      return menuKey;
    }

    public Role role() {
      return role;
    }

    Handler handler() {
      return handler;
    }
  }

  /** A registered button type. */
  public static final class Button<T> {
    private final Handler.With<T> handler;
    private Role role = Role.CUSTOMER;

    private Button(Handler.With<T> handler) {
      this.handler = handler;
    }

    /** Only for people with this role; others are told the menu expired. */
    public Button<T> role(Role required) {
      this.role = required;
      return this;
    }

    Role role() {
      return role;
    }

    Handler.With<T> handler() {
      return handler;
    }
  }

  /** What a bot does with messages no command, button or step took. */
  public static final class Fallback {
    enum Kind {
      TEXT,
      ANY_MESSAGE,
      OTHER_COMMAND
    }

    private final Kind kind;
    private final Handler handler;
    private Set<TenantKind> botKinds = SHOPS;

    private Fallback(Kind kind, Handler handler) {
      this.kind = kind;
      this.handler = handler;
    }

    /** Only in bots of these kinds. */
    public Fallback in(TenantKind first, TenantKind... more) {
      this.botKinds = EnumSet.of(first, more);
      return this;
    }
  }

  /**
   * A registered step. Its role is checked again for every message: a person who lost the role (an
   * owner removed, an admin demoted) while at the step cannot finish it.
   */
  public static final class StepRoute<T> {
    private final Step<T> step;
    private final Handler.With<T> handler;
    private Role role = Role.CUSTOMER;

    private StepRoute(Step<T> step, Handler.With<T> handler) {
      this.step = step;
      this.handler = handler;
    }

    /** Only for people with this role; for others the step is over. */
    public StepRoute<T> role(Role required) {
      this.role = required;
      return this;
    }

    Step<T> step() {
      return step;
    }

    Handler.With<T> handler() {
      return handler;
    }

    Role role() {
      return role;
    }
  }

  record DeepLink(String prefix, Set<TenantKind> kinds, Handler.With<String> handler) {}

  record DeepLinkMatch(Handler.With<String> handler, String rest) {}
}
