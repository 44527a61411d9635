package io.github.authkitservlet.emulator;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The form on one of the emulator's hosted pages (sign-in, sign-up, organization picker), read
 * from the page's HTML the way a browser would, for tests that walk the hosted sign-in over plain
 * HTTP. The pages are the emulator's own, so this reader is kept beside them and changes with them.
 *
 * <pre>{@code
 * HostedPageForm form = HostedPageForm.of(html, pageUri);
 * String body = HostedPageForm.encode(form.with(Map.of("email", "ada@example.com",
 *     "password", "authkit-demo", "action", "sign-in")));
 * // POST body to form.action() as application/x-www-form-urlencoded
 * }</pre>
 *
 * @param action where the form posts
 * @param hiddenFields the form's hidden fields (the sign-in request the page carries)
 * @param organizationIds the choices of an organization picker, in page order (empty elsewhere)
 */
public record HostedPageForm(URI action, Map<String, String> hiddenFields, List<String> organizationIds) {

  private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
  private static final Pattern ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]*)\">");
  private static final Pattern ORGANIZATION =
      Pattern.compile("name=\"organization_id\" id=\"[^\"]*\" value=\"([^\"]*)\"");

  public HostedPageForm {
    hiddenFields = Map.copyOf(hiddenFields);
    organizationIds = List.copyOf(organizationIds);
  }

  /**
   * Reads the form of a hosted page.
   *
   * @param pageUri the page's address, against which the form's action is resolved
   * @throws IllegalArgumentException when the page has no form (an error page, say)
   */
  public static HostedPageForm of(String html, URI pageUri) {
    Matcher action = ACTION.matcher(html);
    if (!action.find()) {
      throw new IllegalArgumentException("no form on the page at " + pageUri);
    }
    Map<String, String> hidden = new LinkedHashMap<>();
    Matcher field = HIDDEN.matcher(html);
    while (field.find()) {
      hidden.put(unescape(field.group(1)), unescape(field.group(2)));
    }
    List<String> organizations = new ArrayList<>();
    Matcher organization = ORGANIZATION.matcher(html);
    while (organization.find()) {
      organizations.add(unescape(organization.group(1)));
    }
    return new HostedPageForm(pageUri.resolve(unescape(action.group(1))), hidden, organizations);
  }

  /** Whether the page asks the user to pick an organization. */
  public boolean isOrganizationPicker() {
    return !organizationIds.isEmpty();
  }

  /** The hidden fields plus {@code visible} (which win), as the browser would submit them. */
  public Map<String, String> with(Map<String, String> visible) {
    Map<String, String> all = new LinkedHashMap<>(hiddenFields);
    all.putAll(visible);
    return all;
  }

  /** Fields as an {@code application/x-www-form-urlencoded} body. */
  public static String encode(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
