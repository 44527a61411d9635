/**
 * The decisions, container-neutral: for a request and the rules of a declaration, go on, redirect
 * or answer in the application's place ({@code SecurityLogic}); start a sign-in
 * ({@code SignInLogic}), finish it ({@code CallbackLogic}), switch organizations
 * ({@code OrganizationLogic}), sign out ({@code SignOutLogic}). Adapters turn a request into
 * {@code RequestFacts} and carry the {@code Decision} out, and hand what the decisions tell
 * ({@code SessionEvents}) to the application's listeners.
 *
 * <p>Internal: not part of the API of authkit-servlet; may change in any release.
 */
package io.github.authkitservlet.internal.core;
