package io.github.authkitservlet.benchmarks.jmh;

import com.workos.session.Iron;
import io.github.authkitservlet.benchmarks.fixture.SignedInFixture;
import io.github.authkitservlet.internal.session.IronSeal;
import io.github.authkitservlet.internal.session.SessionCookieCodec;
import io.github.authkitservlet.internal.session.SessionData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reading a session cookie: the SHA-256 floor (what a cache lookup must pay at least), the raw
 * Iron unseal (ours and the SDK's {@code Iron.unseal}, same SDK-sealed input), and our full codec
 * (unseal + bounded JSON into {@link SessionData}) on the SDK's cookie and on our own format.
 */
@State(Scope.Benchmark)
public class CookieBenchmarks extends BenchmarkDefaults {

  private String sdkCookie;
  private String ourCookie;
  private SessionCookieCodec codec;
  private IronSeal iron;
  private Map<String, String> passwordsById;
  private Clock clock;

  @Setup
  public void setUp() {
    try (SignedInFixture fixture = SignedInFixture.start()) {
      sdkCookie = fixture.sdkSealedCookie();
    }
    clock = Clock.systemUTC();
    codec = new SessionCookieCodec(List.of(SignedInFixture.COOKIE_PASSWORD), clock);
    SessionData session = codec.unseal(sdkCookie)
        .orElseThrow(() -> new IllegalStateException("our codec cannot read the SDK's cookie"));
    ourCookie = codec.seal(session);
    iron = new IronSeal();
    passwordsById = Map.of("1", SignedInFixture.COOKIE_PASSWORD);
    if (codec.unseal(ourCookie).isEmpty() || !Iron.INSTANCE.unseal(sdkCookie, SignedInFixture.COOKIE_PASSWORD).startsWith("{")) {
      throw new IllegalStateException("fixture cookies do not unseal");
    }
    System.out.printf("%n[fixture] SDK-sealed cookie %d chars, our cookie %d chars%n", sdkCookie.length(), ourCookie.length());
  }

  /** The floor: one SHA-256 over the cookie (UTF-8 bytes), as a digest-keyed cache pays per request. */
  @Benchmark
  public byte[] sha256OfCookie() throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(ourCookie.getBytes(StandardCharsets.UTF_8));
  }

  /** The SDK's {@code Iron.unseal} (2 × PBKDF2, HMAC, AES), plaintext only. */
  @Benchmark
  public String sdkIronUnseal() {
    return Iron.INSTANCE.unseal(sdkCookie, SignedInFixture.COOKIE_PASSWORD);
  }

  /** Our {@code IronSeal.unseal} on the same input, plaintext only. */
  @Benchmark
  public String ourIronUnseal() throws Exception {
    return iron.unseal(sdkCookie, passwordsById, clock);
  }

  /** Our codec on the SDK's cookie: unseal + JSON into a session. */
  @Benchmark
  public Optional<SessionData> ourCodecOnSdkCookie() {
    return codec.unseal(sdkCookie);
  }

  /** Our codec on the cookie the filter writes (Node SDK format): what the filter does on a cache miss. */
  @Benchmark
  public Optional<SessionData> ourCodecOnOurCookie() {
    return codec.unseal(ourCookie);
  }
}
