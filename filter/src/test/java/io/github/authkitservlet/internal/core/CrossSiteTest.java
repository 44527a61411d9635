package io.github.authkitservlet.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.authkitservlet.internal.config.AuthKitConfig;
import io.github.authkitservlet.internal.config.ConfigException;
import io.github.authkitservlet.internal.config.SettingSource;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which requests count as started by another site. The application runs at
 * {@code https://app.example.com} (its redirect URI); the container may see the request on another
 * origin (here {@code http://10.0.0.5:8080}, a proxy without a valve), which counts as ours too.
 */
class CrossSiteTest {

  private static Addresses addresses() throws ConfigException {
    return new Addresses(AuthKitConfig.load(SettingSource.of(Map.of(
        "workos.api-key", "sk_test_x",
        "workos.client-id", "client_x",
        "workos.redirect-uri", "https://app.example.com/callback",
        "workos.cookie-password", "p".repeat(32)))));
  }

  @ParameterizedTest(name = "{0}: {1} -> cross-site {2}")
  @CsvSource(delimiter = '|', value = {
      "Sec-Fetch-Site | same-origin | false",
      "Sec-Fetch-Site | none | false",
      "Sec-Fetch-Site | SAME-ORIGIN | false",
      "Sec-Fetch-Site | same-site | true",
      "Sec-Fetch-Site | cross-site | true",
      "Sec-Fetch-Site | something-new | true",
      "Origin | https://app.example.com | false",
      "Origin | https://APP.example.com:443 | false",
      "Origin | http://10.0.0.5:8080 | false",
      "Origin | http://app.example.com | true",
      "Origin | https://app.example.com:8443 | true",
      "Origin | https://evil.example | true",
      "Origin | https://app.example.com.evil.example | true",
      "Origin | null | true",
      "Origin | not a url | true",
      "Referer | https://app.example.com/dashboard?x=1 | false",
      "Referer | http://10.0.0.5:8080/app/page | false",
      "Referer | https://evil.example/https://app.example.com/ | true",
      "Referer | https://app.example.com@evil.example/ | true",
      "Referer | /relative | true",
      "X-Other | anything | false",
  })
  void decidesFromFetchMetadataElseOriginElseReferer(String header, String value, boolean crossSite) throws Exception {
    var request = FakeFacts.get("/logout").origin("http://10.0.0.5:8080").header(header, value).build();
    assertEquals(crossSite, CrossSite.isCrossSite(request, addresses()));
  }

  @ParameterizedTest(name = "Sec-Fetch-Site {0} wins over Origin {1}")
  @CsvSource({"same-origin, https://evil.example, false", "cross-site, https://app.example.com, true"})
  void fetchMetadataWinsOverOrigin(String site, String origin, boolean crossSite) throws Exception {
    var request = FakeFacts.get("/logout").origin("https://app.example.com")
        .header("Sec-Fetch-Site", site).header("Origin", origin).build();
    assertEquals(crossSite, CrossSite.isCrossSite(request, addresses()));
  }
}
