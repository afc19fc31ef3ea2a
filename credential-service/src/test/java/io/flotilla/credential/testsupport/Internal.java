package io.flotilla.credential.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.security.SecureRandom;

/** Calls to the service's internal API as a platform service (and, optionally, an admin). */
public final class Internal {

  public static final String SERVICE_TOKEN = "test-service-token";
  public static final String ADMIN_HEADER = "X-Flotilla-Admin";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private Internal() {}

  public static RequestSpecification api() {
    return given().header("Authorization", "Bearer " + SERVICE_TOKEN).contentType(ContentType.JSON);
  }

  public static RequestSpecification admin(String adminId) {
    return api().header(ADMIN_HEADER, adminId);
  }

  /** {@code prefix} plus 8 random lowercase letters and digits. */
  public static String uniqueId(String prefix) {
    StringBuilder id = new StringBuilder(prefix);
    for (int i = 0; i < 8; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }

  /** A random api_hash (32 lowercase hex digits), remembered for the leak scan. */
  public static String apiHash() {
    StringBuilder hash = new StringBuilder(32);
    for (int i = 0; i < 32; i++) {
      hash.append("0123456789abcdef".charAt(RANDOM.nextInt(16)));
    }
    return Secrets.remember(hash.toString());
  }

  /** A random international phone number, remembered for the leak scan. */
  public static String phone() {
    return Secrets.remember("+49151" + (10_000_000 + RANDOM.nextInt(89_999_999)));
  }
}
