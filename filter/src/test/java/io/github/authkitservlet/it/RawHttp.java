package io.github.authkitservlet.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one HTTP/1.1 request over a plain socket, byte for byte as given. The hostile-input suite
 * needs requests that {@link java.net.http.HttpClient} refuses to send: a forged {@code Host}
 * header, raw CR/LF, tabs, backslashes, spaces or non-ASCII in the request target. No cookies are
 * kept and no redirect is followed: one request, one answer.
 */
final class RawHttp {

  private final String host;
  private final int port;

  /** Talks to the origin of {@code base} (e.g. the deployment's URL). */
  RawHttp(URI base) {
    this.host = base.getHost();
    this.port = base.getPort();
  }

  /**
   * What came back: status (0 for an HTTP/0.9 answer, which has none), headers in order (names
   * lower-cased), body as UTF-8 text.
   */
  record Response(int status, List<Map.Entry<String, String>> headers, String body) {

    Optional<String> header(String name) {
      return all(name).stream().findFirst();
    }

    List<String> all(String name) {
      String wanted = name.toLowerCase(Locale.ROOT);
      return headers.stream().filter(h -> h.getKey().equals(wanted)).map(Map.Entry::getValue).toList();
    }

    /** The Set-Cookie line for {@code cookie}, if any. */
    Optional<String> setCookie(String cookie) {
      return all("set-cookie").stream().filter(c -> c.startsWith(cookie + "=")).findFirst();
    }
  }

  /**
   * Sends {@code method target HTTP/1.1} with {@code headers} (name, value pairs, sent as given;
   * a {@code Host} header is added first unless one is given) and reads the answer.
   */
  Response send(String method, String target, List<String[]> headers) {
    StringBuilder request = new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    if (headers.stream().noneMatch(h -> h[0].equalsIgnoreCase("Host"))) {
      request.append("Host: ").append(host).append(':').append(port).append("\r\n");
    }
    for (String[] header : headers) {
      request.append(header[0]).append(": ").append(header[1]).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket(host, port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      return read(socket.getInputStream(), method.equals("HEAD"));
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + target + " failed", e);
    }
  }

  private static Response read(InputStream in, boolean head) throws IOException {
    String statusLine = line(in);
    String[] parts = statusLine.split(" ", 3);
    if (!statusLine.startsWith("HTTP/")) {
      // A request line without a version (e.g. cut short by a raw CR/LF) is HTTP/0.9 to Tomcat:
      // the answer is a bare body with no status line and no headers at all.
      return new Response(0, List.of(), statusLine + "\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    int status = Integer.parseInt(parts[1]);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.add(Map.entry(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim()));
    }
    byte[] body;
    if (head || status == 204 || status == 304) {
      body = new byte[0];
    } else if (headers.stream().anyMatch(h -> h.getKey().equals("transfer-encoding") && h.getValue().contains("chunked"))) {
      body = chunked(in);
    } else {
      Optional<String> length = headers.stream().filter(h -> h.getKey().equals("content-length"))
          .map(Map.Entry::getValue).findFirst();
      body = length.isPresent() ? in.readNBytes(Integer.parseInt(length.get())) : in.readAllBytes();
    }
    return new Response(status, List.copyOf(headers), new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line(in);
      int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
      if (size == 0) {
        while (!line(in).isEmpty()) {
          // trailers: none expected, skipped
        }
        return body.toByteArray();
      }
      body.write(in.readNBytes(size));
      line(in); // the CRLF after each chunk
    }
  }

  /** One header line without its CRLF (ISO-8859-1, as HTTP headers are). */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(80);
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
