/**
 * The AuthKit sample application: the pages of WorkOS's AuthKit guide as a servlet application.
 *
 * <p>Nearly everything lives in {@code WEB-INF/web.xml} (the filter declarations, the login, callback
 * and logout servlets, and which paths are public) and in the JSP pages, which read the signed-in user
 * as {@code ${authkitUser...}}. The Java code is what a JSP cannot do well: {@link
 * io.github.authkitservlet.sample.api the JSON API}, {@link io.github.authkitservlet.sample.web
 * HTML escaping for the pages}, and {@link io.github.authkitservlet.sample.signins the listener that
 * records sign-ins}.
 */
package io.github.authkitservlet.sample;
