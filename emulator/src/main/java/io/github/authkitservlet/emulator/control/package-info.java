/** Internal: the test controls (clock, error hooks, counters) and their {@code /_emulate/} API. Not an API. */
package io.github.authkitservlet.emulator.control;
