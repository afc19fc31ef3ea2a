package io.flotilla.credential.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.testkit.telegram.BotHandle;
import io.flotilla.testkit.telegram.TelegramBotApiEmulator;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Telegram Bot API emulator behind a front door the service talks to. The front door passes
 * calls through, and on demand drops every connection (Telegram unreachable), drops the first calls
 * made with one token, reports another bot id from getMe (a token whose id does not match), or
 * answers for a second token of a bot (the owner regenerated it in BotFather).
 */
public final class TelegramFixture implements AutoCloseable {

  private static final Pattern BOT_PATH = Pattern.compile("/bot([^/]*)/(.*)");
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TelegramBotApiEmulator emulator;
  private final Vertx vertx;
  private final HttpClient client;
  private final HttpServer frontDoor;
  private final Map<String, String> aliases = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> dropsLeft = new ConcurrentHashMap<>();
  private final BotHandle configuredMasterBot;
  private volatile boolean offline;
  private volatile long reportedBotId;

  private TelegramFixture(TelegramBotApiEmulator emulator, Vertx vertx) throws Exception {
    this.emulator = emulator;
    this.vertx = vertx;
    this.client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(50));
    this.frontDoor =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
            .requestHandler(this::pass)
            .listen(0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    this.configuredMasterBot = newBot();
  }

  public static TelegramFixture start() {
    try {
      return new TelegramFixture(TelegramBotApiEmulator.start(0), Vertx.vertx());
    } catch (Exception e) {
      throw new IllegalStateException("Telegram fixture did not start", e);
    }
  }

  /** Where the service finds "Telegram". */
  public String baseUrl() {
    return "http://127.0.0.1:" + frontDoor.actualPort();
  }

  /** The bot whose token the service finds in its configuration as the master bot's. */
  public BotHandle configuredMasterBot() {
    return configuredMasterBot;
  }

  /** A new bot in the emulator; its token is remembered for the leak scan. */
  public BotHandle newBot() {
    BotHandle bot =
        emulator.registerBot("t" + randomString(10).replaceAll("[^A-Za-z0-9]", "x") + "bot");
    Secrets.remember(bot.token());
    return bot;
  }

  /**
   * A second token of the same bot, as BotFather issues when the owner regenerates it; getMe
   * accepts both.
   */
  public String secondToken(BotHandle bot) {
    String token = bot.id() + ":" + randomString(35);
    aliases.put(token, bot.token());
    return Secrets.remember(token);
  }

  /** A well-formed token Telegram never issued. */
  public String unknownToken() {
    return Secrets.remember((9_000_000_000L + RANDOM.nextInt(1_000_000)) + ":" + randomString(35));
  }

  public void revoke(String token) {
    emulator.revoke(token);
  }

  /** How many getMe calls reached Telegram with this token. */
  public int getMeCalls(String token) {
    return emulator.requestCount(aliases.getOrDefault(token, token), "getMe");
  }

  /** The next {@code calls} calls made with this token find "Telegram" unreachable. */
  public void unreachableFor(String token, int calls) {
    dropsLeft.put(token, new AtomicInteger(calls));
  }

  /** How many of the calls {@link #unreachableFor} set up are still to be dropped. */
  public int droppedCallsLeft(String token) {
    AtomicInteger left = dropsLeft.get(token);
    return left == null ? 0 : left.get();
  }

  /** Every connection to "Telegram" is dropped until {@link #online()}. */
  public void offline() {
    offline = true;
  }

  public void online() {
    offline = false;
  }

  /** getMe reports this bot id whatever the token, until {@link #reportTruth()}. */
  public void reportBotId(long botId) {
    reportedBotId = botId;
  }

  public void reportTruth() {
    reportedBotId = 0;
  }

  @Override
  public void close() {
    frontDoor.close();
    vertx.close();
    emulator.close();
  }

  private void pass(HttpServerRequest request) {
    if (offline || dropped(request.path())) {
      request.connection().close();
      return;
    }
    request.body().onSuccess(body -> forward(request, body));
  }

  private void forward(HttpServerRequest request, Buffer body) {
    Matcher path = BOT_PATH.matcher(request.path());
    if (!path.matches()) {
      request.response().setStatusCode(404).end();
      return;
    }
    String token = aliases.getOrDefault(path.group(1), path.group(1));
    String method = path.group(2);
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost("127.0.0.1")
            .setPort(emulatorPort())
            .setURI("/bot" + token + "/" + method)
            .putHeader("content-type", "application/json");
    client
        .request(options)
        .compose(
            upstream ->
                upstream
                    .send(body)
                    .compose(
                        response ->
                            response
                                .body()
                                .map(answer -> new Answer(response.statusCode(), answer))))
        .map(answer -> "getme".equalsIgnoreCase(method) ? lie(answer) : answer)
        .onSuccess(
            answer ->
                request
                    .response()
                    .setStatusCode(answer.status())
                    .putHeader("content-type", "application/json")
                    .end(answer.body()))
        .onFailure(failure -> request.response().setStatusCode(502).end());
  }

  private boolean dropped(String path) {
    Matcher bot = BOT_PATH.matcher(path);
    AtomicInteger left = bot.matches() ? dropsLeft.get(bot.group(1)) : null;
    return left != null && left.getAndUpdate(count -> Math.max(0, count - 1)) > 0;
  }

  private Answer lie(Answer answer) {
    long botId = reportedBotId;
    if (botId == 0 || answer.status() != 200) {
      return answer;
    }
    try {
      ObjectNode json = (ObjectNode) JSON.readTree(answer.body().getBytes());
      ((ObjectNode) json.get("result")).put("id", botId);
      return new Answer(200, Buffer.buffer(JSON.writeValueAsBytes(json)));
    } catch (Exception e) {
      return answer;
    }
  }

  private int emulatorPort() {
    String url = emulator.baseUrl();
    return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
  }

  static String randomString(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }

  private record Answer(int status, Buffer body) {}
}
