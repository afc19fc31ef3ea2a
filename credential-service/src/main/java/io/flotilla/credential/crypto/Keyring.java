package io.flotilla.credential.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The AEAD keyset in use, and the only code that changes it. Every change starts from the keyset as
 * stored now (another replica may have changed the shared file) and is saved before it is used, so
 * nothing is ever encrypted under a key that is not on disk. Replicas notice each other's changes
 * by re-reading the file every {@code flotilla.crypto.reload-interval}.
 *
 * <p>The change methods block (file and KMS I/O): call them from a worker thread.
 */
@Startup
@ApplicationScoped
public class Keyring {

  private static final Logger LOG = Logger.getLogger(Keyring.class);

  private final KeysetStore store;
  private final AtomicReference<Active> active = new AtomicReference<>();

  public Keyring(KeysetStore store) {
    this.store = store;
    active.set(Active.of(store.loadAead()));
  }

  /** The keyset encryption and decryption use right now. */
  public Active active() {
    return active.get();
  }

  public boolean writable() {
    return store.aeadWritable();
  }

  /** Adds a fresh AES-256-GCM key that decrypts at once but does not encrypt until promoted. */
  public synchronized long addKey() {
    Active latest = latest();
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(latest.handle());
    builder.addEntry(
        KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
            .withRandomId()
            .setStatus(KeyStatus.ENABLED));
    Active changed = save(build(builder));
    long added =
        changed.keys().stream()
            .mapToLong(KeyInfo::keyId)
            .filter(keyId -> !latest.containsKey(keyId))
            .findFirst()
            .orElseThrow();
    active.set(changed);
    LOG.infof("Credential key %d added to the keyset (not primary yet)", added);
    return added;
  }

  /** Makes a key the one new ciphertexts use; nothing changes if it already is. */
  public synchronized void promote(long keyId) {
    Active latest = latest();
    if (latest.primaryKeyId() == keyId) {
      active.set(latest);
      return;
    }
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(latest.handle());
    builder.getAt(indexOf(latest.handle(), keyId)).makePrimary();
    active.set(save(build(builder)));
    LOG.infof("Credential key %d is now primary", keyId);
  }

  /** Removes a key for good. The caller has made sure no ciphertext uses it. */
  public synchronized void delete(long keyId) {
    Active latest = latest();
    if (latest.primaryKeyId() == keyId) {
      throw new IllegalStateException("The primary key cannot be deleted");
    }
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(latest.handle());
    builder.deleteAt(indexOf(latest.handle(), keyId));
    active.set(save(build(builder)));
    LOG.infof("Credential key %d deleted from the keyset", keyId);
  }

  @Scheduled(
      every = "${flotilla.crypto.reload-interval:10s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  public synchronized void reloadIfChanged() {
    Optional<String> text = store.currentAeadText();
    if (text.isEmpty() || text.get().equals(active().text())) {
      return;
    }
    Active reloaded = Active.of(store.loadAead());
    active.set(reloaded);
    LOG.infof(
        "Credential keyset reloaded: %d keys, primary %d",
        reloaded.keys().size(), reloaded.primaryKeyId());
  }

  private Active latest() {
    return Active.of(store.loadAead());
  }

  private Active save(KeysetHandle handle) {
    return Active.of(new KeysetStore.StoredKeyset(handle, store.saveAead(handle)));
  }

  private static KeysetHandle build(KeysetHandle.Builder builder) {
    try {
      return builder.build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Credential keyset change is invalid", e);
    }
  }

  private static int indexOf(KeysetHandle handle, long keyId) {
    for (int i = 0; i < handle.size(); i++) {
      if (unsigned(handle.getAt(i).getId()) == keyId) {
        return i;
      }
    }
    throw new IllegalArgumentException("No key " + keyId + " in the credential keyset");
  }

  static long unsigned(int keyId) {
    return Integer.toUnsignedLong(keyId);
  }

  /** One key of the keyset, without its material. */
  public record KeyInfo(long keyId, KeyStatus status, boolean primary) {}

  /** An immutable keyset with its primitive; swapped whole when the keyset changes. */
  public record Active(KeysetHandle handle, Aead aead, long primaryKeyId, String text) {

    static Active of(KeysetStore.StoredKeyset stored) {
      try {
        KeysetHandle handle = stored.handle();
        return new Active(
            handle,
            handle.getPrimitive(RegistryConfiguration.get(), Aead.class),
            unsigned(handle.getPrimary().getId()),
            stored.text());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Credential keyset has no usable AEAD key", e);
      }
    }

    public List<KeyInfo> keys() {
      List<KeyInfo> keys = new ArrayList<>(handle.size());
      for (int i = 0; i < handle.size(); i++) {
        KeysetHandle.Entry entry = handle.getAt(i);
        keys.add(new KeyInfo(unsigned(entry.getId()), entry.getStatus(), entry.isPrimary()));
      }
      return keys;
    }

    public boolean containsKey(long keyId) {
      return keys().stream().anyMatch(key -> key.keyId() == keyId);
    }

    @Override
    public String toString() {
      return "Keyring.Active[primary " + primaryKeyId + ", " + handle.size() + " keys]";
    }
  }
}
