package io.flotilla.credential.bench;

import io.flotilla.credential.crypto.BenchKeyring;
import io.flotilla.credential.crypto.CredentialCipher;
import io.flotilla.credential.crypto.SecretBinding;
import io.flotilla.credential.crypto.TokenFingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one core does with bot tokens: encrypt, decrypt, both (a registration and a read), and the
 * keyed fingerprint. Run with {@code -Pbench} (see docs/benchmarks/credential.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CipherBenchmark {

  private static final String TOKEN = "7312658190:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ";
  private static final SecretBinding BINDING =
      new SecretBinding("user:4711", "bot:7312658190", "bot_token");

  private CredentialCipher cipher;
  private TokenFingerprint fingerprint;
  private byte[] ciphertext;

  @Setup
  public void open() throws Exception {
    Path secrets = Files.createTempDirectory("cipher-bench");
    BenchKeyring keys = BenchKeyring.in(secrets);
    cipher = keys.cipher();
    fingerprint = keys.fingerprint();
    ciphertext = cipher.encrypt(TOKEN, BINDING);
  }

  @Benchmark
  public byte[] encrypt() {
    return cipher.encrypt(TOKEN, BINDING);
  }

  @Benchmark
  public String decrypt() {
    return cipher.decrypt(ciphertext, BINDING);
  }

  @Benchmark
  public String encryptThenDecrypt() {
    return cipher.decrypt(cipher.encrypt(TOKEN, BINDING), BINDING);
  }

  @Benchmark
  public byte[] fingerprint() {
    return fingerprint.of(TOKEN);
  }
}
