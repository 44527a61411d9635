package io.github.authkitservlet.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One row of the hostile-input tables: a raw request and what must come back. The checks every row
 * shares (never a 500, no stack trace, no secret) live in {@link HostileInputIT}; {@code then} holds
 * what is particular to the row.
 *
 * @param name what the row tries, shown as the test's name
 * @param method the HTTP method, sent as given
 * @param target the request target, sent as given (raw: it may hold what no URI class accepts)
 * @param headers name/value pairs, sent as given
 * @param statuses the accepted statuses: one, or a few where the container decides
 * @param then further checks on the answer
 * @param byContainer the container (not the filter) answers this row: its default error page is
 *     exempt from the stack-trace check (Tomcat's ErrorReportValve prints one unless
 *     {@code showReport="false"}), the secret check still applies
 */
record HostileCase(String name, String method, String target, List<String[]> headers, Set<Integer> statuses,
    Consumer<RawHttp.Response> then, boolean byContainer) {

  static HostileCase get(String name, String target) {
    return request(name, "GET", target);
  }

  static HostileCase request(String name, String method, String target) {
    return new HostileCase(name, method, target, List.of(), Set.of(), response -> {}, false);
  }

  HostileCase header(String headerName, String value) {
    List<String[]> more = new ArrayList<>(headers);
    more.add(new String[] {headerName, value});
    return new HostileCase(name, method, target, List.copyOf(more), statuses, then, byContainer);
  }

  /** A page navigation (a browser asking for HTML). */
  HostileCase asPage() {
    return header("Accept", Browser.HTML);
  }

  /** A script asking for JSON. */
  HostileCase asApi() {
    return header("Accept", "application/json");
  }

  HostileCase cookie(String cookieHeader) {
    return header("Cookie", cookieHeader);
  }

  HostileCase expect(Integer... accepted) {
    return new HostileCase(name, method, target, headers, Set.of(accepted), then, byContainer);
  }

  HostileCase and(Consumer<RawHttp.Response> check) {
    Consumer<RawHttp.Response> before = then;
    return new HostileCase(name, method, target, headers, statuses, before.andThen(check), byContainer);
  }

  /** See {@code byContainer}: e.g. Tomcat refusing an oversized header or an encoded slash with 400. */
  HostileCase answeredByContainer() {
    return new HostileCase(name, method, target, headers, statuses, then, true);
  }
}
