package io.github.authkitservlet;

import io.github.authkitservlet.internal.config.Setting;
import io.github.authkitservlet.internal.core.Decision;
import io.github.authkitservlet.internal.core.WebhookLogic;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Receives WorkOS's webhooks, so that a session revoked at WorkOS (in the dashboard, through the
 * API, by another application) stops working on every server at once instead of at its next
 * refresh.
 *
 * <p>Map it in web.xml (for example at {@code /webhooks/workos}; {@link AuthKitFilter} lets it
 * through by itself), register that URL as a webhook endpoint in the WorkOS dashboard with the
 * event {@code session.revoked}, and give its signing secret as {@code workos.webhook-secret}
 * ({@code WORKOS_WEBHOOK_SECRET}). Each delivery's {@code WorkOS-Signature} is checked (HMAC-SHA256,
 * constant time, at most three minutes old); a delivery that does not check gets 401 and changes
 * nothing. With several servers, use a shared session store ({@code workos.session-store=jcache}):
 * whichever server receives the event, all of them refuse the session.
 *
 * <p>Init-params: {@code workos.*} settings override the application's for this servlet.
 */
public class AuthKitWebhookServlet extends AuthKitServlet {

  private static final long serialVersionUID = 1L;

  private transient WebhookLogic webhooks;

  @Override
  public void init() throws ServletException {
    super.init();
    Optional<WebhookLogic> configured = runtime().core.webhooks();
    if (configured.isEmpty()) {
      destroy(); // the container does not call destroy() after a failed init()
      throw new ServletException("AuthKit servlet '" + getServletName() + "' cannot start: "
          + Setting.WEBHOOK_SECRET.describe() + " is required by the webhook servlet: copy the signing secret"
          + " of your webhook endpoint from the WorkOS dashboard (Webhooks)");
    }
    webhooks = configured.get();
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Optional<String> body = body(request);
    Decision decision = body.isEmpty()
        ? webhooks.tooLarge()
        : webhooks.receive(body.get(), request.getHeader("WorkOS-Signature"));
    write(decision, request, response);
  }

  /** The raw body as UTF-8 (the signature covers exactly these bytes); empty when over the limit. */
  private static Optional<String> body(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > WebhookLogic.MAX_BODY_BYTES) {
      return Optional.empty();
    }
    byte[] bytes;
    try (InputStream in = request.getInputStream()) {
      bytes = in.readNBytes(WebhookLogic.MAX_BODY_BYTES + 1); // one byte more tells a body over the limit
    }
    return bytes.length > WebhookLogic.MAX_BODY_BYTES ? Optional.empty()
        : Optional.of(new String(bytes, StandardCharsets.UTF_8));
  }
}
