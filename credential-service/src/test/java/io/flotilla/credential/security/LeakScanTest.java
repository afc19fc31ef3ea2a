package io.flotilla.credential.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.credential.testsupport.Secrets;
import io.flotilla.credential.testsupport.TelegramResource;
import io.flotilla.testkit.infra.FlotillaInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class: no secret any test handed to the service (bot tokens,
 * api_hashes, phones, sessions) appears in a dump of the suite's database or in the captured log of
 * the run, in the clear, as hex (how bytea dumps) or as base64.
 */
@QuarkusTest
@QuarkusTestResource(
    value = FlotillaInfraResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = FlotillaInfraResource.DB_PREFIX, value = "credential"))
@QuarkusTestResource(value = TelegramResource.class, restrictToAnnotatedClass = false)
@Order(Integer.MAX_VALUE)
class LeakScanTest {

  private static final Path LOG = Path.of("target", "credential-service-test.log");

  @Test
  void theDatabaseDumpHoldsNoSecret() throws Exception {
    List<String> secrets = Secrets.all();
    assertThat(secrets).as("the run used secrets to look for").hasSizeGreaterThan(20);
    String dump = pgDump();
    assertThat(dump).contains("CREATE TABLE public.bot").contains("COPY public.bot");
    assertThat(dump).contains("COPY public.outbox_event").contains("BotRegistered");
    assertNoneOf(secrets, dump, "pg_dump");
  }

  @Test
  void theCapturedLogHoldsNoSecret() throws Exception {
    List<String> secrets = Secrets.all();
    assertThat(LOG).exists();
    String log = Files.readString(LOG);
    assertThat(log).contains("POST /internal/user-bots").contains("Key rotation");
    assertNoneOf(secrets, log, LOG.toString());
  }

  private static void assertNoneOf(List<String> secrets, String text, String where) {
    List<String> leaked = new ArrayList<>();
    for (String secret : secrets) {
      byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
      for (String form :
          List.of(
              secret,
              HexFormat.of().formatHex(bytes),
              Base64.getEncoder().encodeToString(bytes),
              Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))) {
        if (text.contains(form)) {
          leaked.add(secret.substring(0, Math.min(6, secret.length())) + "…");
        }
      }
      int colon = secret.indexOf(':');
      if (colon > 0 && text.contains(secret.substring(colon + 1))) {
        leaked.add("secret part of " + secret.substring(0, colon));
      }
    }
    assertThat(leaked).as("secrets found in " + where).isEmpty();
  }

  private static String pgDump() throws Exception {
    Config config = ConfigProvider.getConfig();
    URI url = URI.create(config.getValue("quarkus.datasource.jdbc.url", String.class).substring(5));
    Path out = Files.createTempFile("credential-dump", ".sql");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(
                  pgDumpBinary(),
                  "--no-owner",
                  "--host",
                  url.getHost(),
                  "--port",
                  String.valueOf(url.getPort()),
                  "--username",
                  config.getValue("quarkus.datasource.username", String.class),
                  "--file",
                  out.toString(),
                  url.getPath().substring(1))
              .redirectErrorStream(true);
      builder
          .environment()
          .put("PGPASSWORD", config.getValue("quarkus.datasource.password", String.class));
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      return Files.readString(out);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static String pgDumpBinary() throws Exception {
    try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(version -> version.resolve("bin/pg_dump"))
          .filter(Files::isExecutable)
          .max(Path::compareTo)
          .map(Path::toString)
          .orElse("pg_dump");
    } catch (java.io.IOException e) {
      return "pg_dump";
    }
  }
}
