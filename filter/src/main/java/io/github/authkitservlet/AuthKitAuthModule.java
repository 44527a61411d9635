package io.github.authkitservlet;

import io.github.authkitservlet.internal.core.AccessRules;
import io.github.authkitservlet.internal.core.Caller;
import io.github.authkitservlet.internal.core.Decision;
import io.github.authkitservlet.internal.core.Protection;
import jakarta.security.auth.message.AuthException;
import jakarta.security.auth.message.AuthStatus;
import jakarta.security.auth.message.MessageInfo;
import jakarta.security.auth.message.MessagePolicy;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.GroupPrincipalCallback;
import jakarta.security.auth.message.module.ServerAuthModule;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * AuthKit as a Jakarta Authentication 3.0 {@link ServerAuthModule} of the servlet container's
 * profile: the container asks it who every request is, before any filter or servlet runs, and then
 * applies its own {@code <security-constraint>}s, {@code isUserInRole} and {@code @RolesAllowed}
 * to the caller it hands back. {@link AuthKitSecurityListener} registers it.
 *
 * <p>It decides nothing itself: {@code validateRequest} turns the request into facts (with the
 * container's word on whether a caller is required, {@code MessagePolicy.isMandatory}), asks the
 * same decision core as {@link AuthKitFilter}, and carries the decision out:
 * <ul>
 *   <li>a caller: {@link CallerPrincipalCallback} with the {@link AuthKitPrincipal},
 *       {@link GroupPrincipalCallback} with its container roles, the request wrapped so the
 *       application sees the same principal and roles on every container, {@code SUCCESS};
 *   <li>no caller where none is required: the unauthenticated caller, {@code SUCCESS};
 *   <li>a redirect to sign in: {@code SEND_CONTINUE}; any refusal (401, 403, 503, 400):
 *       {@code SEND_FAILURE}, with the answer already written.
 * </ul>
 * Cookie changes (a refreshed session, a cleared one) and {@code Cache-Control: no-store} are set on
 * the response in {@code validateRequest}, before the application writes anything, exactly as the
 * filter sets them. {@code secureResponse} runs after the application has answered and may find the
 * response committed, so it changes nothing.
 */
final class AuthKitAuthModule implements ServerAuthModule {

  /** Whether the container requires an authenticated caller for this request (Jakarta Authentication, servlet profile). */
  static final String IS_MANDATORY = "jakarta.security.auth.message.MessagePolicy.isMandatory";
  /** What the container answers for {@code getAuthType()} (Jakarta Authentication 3.0). */
  static final String AUTH_TYPE = "jakarta.servlet.http.authType";
  /** Never keep the caller in an HttpSession: every request is judged by its own credential. */
  static final String REGISTER_SESSION = "jakarta.servlet.http.registerSession";

  private static final Class<?>[] MESSAGE_TYPES = {HttpServletRequest.class, HttpServletResponse.class};

  private final AuthKitRuntime runtime;
  private final AccessRules rules;
  private final SiteLookup site;
  private volatile CallbackHandler handler;

  AuthKitAuthModule(AuthKitRuntime runtime, AccessRules rules, SiteLookup site) {
    this.runtime = runtime;
    this.rules = rules;
    this.site = site;
  }

  @Override
  public void initialize(MessagePolicy requestPolicy, MessagePolicy responsePolicy, CallbackHandler handler,
      @SuppressWarnings("rawtypes") Map options) {
    this.handler = handler;
  }

  @Override
  public Class<?>[] getSupportedMessageTypes() {
    return MESSAGE_TYPES.clone();
  }

  @Override
  public AuthStatus validateRequest(MessageInfo message, Subject client, Subject service) throws AuthException {
    if (!(message.getRequestMessage() instanceof HttpServletRequest request)
        || !(message.getResponseMessage() instanceof HttpServletResponse response)) {
      throw new AuthException("AuthKit authenticates HTTP servlet requests only");
    }
    boolean mandatory = Boolean.parseBoolean(String.valueOf(message.getMap().get(IS_MANDATORY)));
    Decision decision = runtime.decide(request, rules, site.site(),
        mandatory ? Protection.CONTAINER_REQUIRED : Protection.CONTAINER_OPTIONAL);
    boolean proceed;
    try {
      proceed = runtime.writer.write(decision, request, response);
    } catch (IOException e) {
      throw (AuthException) new AuthException("could not write AuthKit's answer").initCause(e);
    }
    if (!proceed) {
      return decision instanceof Decision.Redirect ? AuthStatus.SEND_CONTINUE : AuthStatus.SEND_FAILURE;
    }
    Caller caller = ((Decision.Proceed) decision).caller();
    if (caller == null) {
      handle(new CallerPrincipalCallback(client, (Principal) null));
      return AuthStatus.SUCCESS;
    }
    HttpServletRequest authenticated = runtime.authenticated(request, caller);
    handle(new CallerPrincipalCallback(client, authenticated.getUserPrincipal()),
        new GroupPrincipalCallback(client, runtime.roles.of(caller).toArray(String[]::new)));
    message.setRequestMessage(authenticated);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = message.getMap();
    map.put(AUTH_TYPE, AuthenticatedRequest.AUTH_TYPE);
    map.put(REGISTER_SESSION, Boolean.FALSE.toString());
    return AuthStatus.SUCCESS;
  }

  /** Nothing to add: the response's headers were set in {@code validateRequest}, and it may be committed now. */
  @Override
  public AuthStatus secureResponse(MessageInfo message, Subject service) {
    return AuthStatus.SEND_SUCCESS;
  }

  @Override
  public void cleanSubject(MessageInfo message, Subject subject) {
    if (subject != null) {
      subject.getPrincipals().removeIf(AuthKitPrincipal.class::isInstance);
    }
  }

  private void handle(Callback... callbacks) throws AuthException {
    try {
      // One call with all of them: some containers (Tomcat) build the caller from the callbacks of one call.
      handler.handle(callbacks);
    } catch (IOException | UnsupportedCallbackException e) {
      throw (AuthException) new AuthException("the container did not take the caller").initCause(e);
    }
  }
}
