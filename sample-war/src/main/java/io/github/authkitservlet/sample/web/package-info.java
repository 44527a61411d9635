/** Helpers for the sample's JSP pages. */
package io.github.authkitservlet.sample.web;
