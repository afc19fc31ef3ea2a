package io.flotilla.credential.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Every secret the tests hand to the service (bot tokens, api_hashes, phones, sessions), written to
 * a file so {@code LeakScanTest} can search the captured logs and a database dump for each of them
 * at the end of the run.
 */
public final class Secrets {

  static final Path FILE = Path.of("target", "leak-check", "secrets.txt");

  private Secrets() {}

  public static synchronized String remember(String secret) {
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, secret + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static synchronized List<String> all() {
    try {
      return Files.exists(FILE)
          ? Files.readAllLines(FILE).stream().filter(line -> !line.isBlank()).distinct().toList()
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
