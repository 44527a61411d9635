package io.github.authkitservlet.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How an Authorization header is read: no credential, malformed, an access token or an API key. */
class BearerHeaderTest {

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(nullValues = "NULL", delimiter = '|', quoteCharacter = '`', textBlock = """
      NULL                          | none
      ``                            | none
      `Basic YWRhOnB3`              | none
      `Bearerx abc`                 | none
      `Bearer`                      | malformed
      `Bearer    `                  | malformed
      `Bearer a b`                  | malformed
      `Bearer "abc"`                | malformed
      `Bearer a,b`                  | malformed
      `Bearer =abc`                 | malformed
      `Bearer ab=c`                 | malformed
      `Bearer été`                  | malformed
      `Bearer eyJh.eyJz.c2ln`       | ACCESS_TOKEN eyJh.eyJz.c2ln
      `bearer eyJh.eyJz.c2ln`       | ACCESS_TOKEN eyJh.eyJz.c2ln
      `BEARER   eyJh.eyJz.c2ln  `   | ACCESS_TOKEN eyJh.eyJz.c2ln
      `Bearer eyJh.eyJz.`           | ACCESS_TOKEN eyJh.eyJz.
      `Bearer .eyJz.c2ln`           | API_KEY .eyJz.c2ln
      `Bearer eyJh..c2ln`           | API_KEY eyJh..c2ln
      `Bearer a.b.c.d`              | API_KEY a.b.c.d
      `Bearer sk_test_abc123==`     | API_KEY sk_test_abc123==
      `Bearer sk_live_ABC-def_123`  | API_KEY sk_live_ABC-def_123
      """)
  void reads(String header, String expected) {
    assertEquals(expected, describe(BearerHeader.of(header)));
  }

  @ParameterizedTest(name = "{0} characters")
  @CsvSource({"8192, API_KEY", "8193, malformed"})
  void refusesCredentialsLongerThanAnyServerTakes(int length, String expected) {
    String credential = "a".repeat(length);
    assertEquals(expected.equals("malformed") ? "malformed" : expected + " " + credential,
        describe(BearerHeader.of("Bearer " + credential)));
  }

  private static String describe(BearerHeader header) {
    if (header instanceof BearerHeader.Credential credential) {
      return credential.kind() + " " + credential.value();
    }
    return header instanceof BearerHeader.None ? "none" : "malformed";
  }
}
