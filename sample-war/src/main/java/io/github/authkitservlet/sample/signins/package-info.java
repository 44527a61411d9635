/**
 * The sample's AuthKit listener: it records each user's last sign-in, which the dashboard shows.
 * Registered in {@code web.xml} ({@code workos.listeners}); on Payara, where CDI is present, the
 * same class is a CDI bean ({@code WEB-INF/beans.xml}) and AuthKit uses the bean.
 */
package io.github.authkitservlet.sample.signins;
