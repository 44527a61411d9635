package io.github.authkitservlet.internal.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestKindTest {

  private static final String BROWSER_ACCEPT =
      "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

  @ParameterizedTest(name = "{0} Accept=[{1}] XRW=[{2}] Sec-Fetch-Mode=[{3}] api={4} -> {5}")
  @CsvSource(nullValues = "-", value = {
      // method, accept, x-requested-with, sec-fetch-mode, api-paths, expected
      "GET,  '" + BROWSER_ACCEPT + "', -, navigate, false, PAGE",
      "GET,  '" + BROWSER_ACCEPT + "', -, -, false, PAGE",
      "HEAD, text/html, -, -, false, PAGE",
      "GET,  -, -, -, false, PAGE",
      "GET,  '*/*', -, -, false, PAGE",
      "GET,  application/xhtml+xml, -, -, false, PAGE",
      "GET,  '" + BROWSER_ACCEPT + "', -, -, true, API",
      "GET,  application/json, -, -, false, API",
      "GET,  'application/json, */*', -, -, false, API",
      "GET,  '*/*', -, cors, false, API",
      "GET,  '*/*', -, same-origin, false, API",
      "GET,  text/html, XMLHttpRequest, -, false, API",
      "GET,  '" + BROWSER_ACCEPT + "', -, no-cors, false, API",
      "POST, text/html, -, navigate, false, API",
      "PUT,  text/html, -, -, false, API",
      "DELETE, -, -, -, false, API",
      "OPTIONS, text/html, -, -, false, API",
      "GET,  image/png, -, -, false, API",
  })
  void classifies(String method, String accept, String xrw, String fetchMode, boolean api, RequestKind expected) {
    var request = FakeFacts.get("/x").method(method);
    if (accept != null) {
      request.header("Accept", accept);
    }
    if (xrw != null) {
      request.header("X-Requested-With", xrw);
    }
    if (fetchMode != null) {
      request.header("Sec-Fetch-Mode", fetchMode);
    }
    assertEquals(expected, RequestKind.of(request.build(), api));
  }
}
