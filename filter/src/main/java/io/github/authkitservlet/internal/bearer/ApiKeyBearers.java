package io.github.authkitservlet.internal.bearer;

import io.github.authkitservlet.internal.cache.DigestCache;
import io.github.authkitservlet.internal.session.Digests;
import io.github.authkitservlet.internal.workos.ApiKeyValidation;
import io.github.authkitservlet.internal.workos.Failure;
import io.github.authkitservlet.internal.workos.FailureReason;
import io.github.authkitservlet.internal.workos.ValidatedApiKey;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Customers' WorkOS API keys presented as {@code Authorization: Bearer}, validated at WorkOS
 * ({@code POST /api_keys/validations}) and remembered, so that a client repeating its key costs a
 * hash and a map lookup, never a WorkOS call per request:
 *
 * <ul>
 *   <li>a valid key is remembered for {@code workos.api-key-cache-ttl} (or until it expires, if
 *       sooner): a key revoked at WorkOS keeps working here at most that long;
 *   <li>an unknown or expired key is remembered as such for {@link #UNKNOWN_KEY_MEMORY};
 *   <li>a value this server has not seen draws from a {@link ValidationBudget}
 *       ({@code workos.api-key-validation-rate} per second); when it is spent the answer is 503,
 *       since the key may well be good;
 *   <li>concurrent requests with the same new key share one validation;
 *   <li>a value that cannot be a WorkOS API key ({@code sk_} and 8 to 250 letters, digits,
 *       {@code _} or {@code -}) and the application's own API key ({@code workos.api-key}, which
 *       must never travel as a credential) are refused without asking WorkOS.
 * </ul>
 */
final class ApiKeyBearers {

  /** How long a value WorkOS does not know is refused without asking again. */
  static final Duration UNKNOWN_KEY_MEMORY = Duration.ofSeconds(30);
  /** WorkOS API keys start with {@code sk_}; the rest is URL-safe. */
  private static final Pattern KEY_SHAPE = Pattern.compile("sk_[A-Za-z0-9_-]{8,250}");
  /**
   * The fewest keys remembered, even with {@code workos.token-cache-size=0}: without a memory every
   * request with a key would be a WorkOS call.
   */
  static final int MIN_REMEMBERED_KEYS = 100;
  /** At most one warning a minute about the same kind of trouble. */
  private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final Logger LOG = Logger.getLogger(ApiKeyBearers.class.getName());
  private static final BearerOutcome REFUSED = new BearerOutcome.Refused();

  private final Function<String, ApiKeyValidation> workos;
  private final byte[] ownApiKeyDigest;
  private final Clock clock;
  private final Duration validFor;
  private final ValidationBudget budget;
  private final Duration waitLimit;
  private final DigestCache<BearerOutcome> known;
  private final ConcurrentHashMap<String, CompletableFuture<BearerOutcome>> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong lastOwnKeyWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);
  private final AtomicLong lastBudgetWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);

  /**
   * @param workos asks WorkOS about a value ({@code WorkOsClient::validateApiKey})
   * @param ownApiKey the application's own WorkOS API key, never accepted
   * @param validFor how long a valid key is trusted without asking WorkOS again
   * @param waitLimit how long a request waits for the validation another request started
   * @param cacheEntries at most this many keys (valid or not) are remembered; at least {@link #MIN_REMEMBERED_KEYS}
   */
  ApiKeyBearers(Function<String, ApiKeyValidation> workos, String ownApiKey, Clock clock, Duration validFor,
      ValidationBudget budget, Duration waitLimit, int cacheEntries) {
    this.workos = Objects.requireNonNull(workos, "workos");
    this.ownApiKeyDigest = Digests.sha256(Objects.requireNonNull(ownApiKey, "ownApiKey"));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.validFor = Objects.requireNonNull(validFor, "validFor");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.waitLimit = Objects.requireNonNull(waitLimit, "waitLimit");
    this.known = new DigestCache<>(clock, Math.max(cacheEntries, MIN_REMEMBERED_KEYS));
  }

  /** What this value amounts to. Never throws for bad input. */
  BearerOutcome authenticate(String value) {
    if (!KEY_SHAPE.matcher(value).matches()) {
      return REFUSED;
    }
    // A repeated key costs one lookup. The application's own key is never remembered (only
    // validate() remembers, after the check below), so it is always refused, with its warning.
    Optional<BearerOutcome> remembered = known.find(value);
    if (remembered.isPresent()) {
      return remembered.get();
    }
    byte[] digest = Digests.sha256(value);
    if (MessageDigest.isEqual(digest, ownApiKeyDigest)) {
      warnAtMostEveryMinute(lastOwnKeyWarning, "a request presented this application's own WorkOS API key"
          + " (workos.api-key) as a bearer credential: refused, it is never accepted from a client;"
          + " if a client has it, rotate it in the WorkOS dashboard");
      return REFUSED;
    }
    String id = HexFormat.of().formatHex(digest);
    CompletableFuture<BearerOutcome> mine = new CompletableFuture<>();
    CompletableFuture<BearerOutcome> running = inFlight.putIfAbsent(id, mine);
    if (running != null) {
      return await(running);
    }
    try {
      BearerOutcome outcome = validate(value);
      mine.complete(outcome);
      return outcome;
    } finally {
      inFlight.remove(id, mine);
      mine.complete(new BearerOutcome.Unavailable(Failure.of(FailureReason.INTERNAL_ERROR)));
    }
  }

  private BearerOutcome validate(String value) {
    if (!budget.tryTake()) {
      warnAtMostEveryMinute(lastBudgetWarning, "more unknown API keys arrived than workos.api-key-validation-rate"
          + " (env WORKOS_API_KEY_VALIDATION_RATE) allows validating at WorkOS; answered 503 meanwhile"
          + " (someone may be guessing keys)");
      return new BearerOutcome.Unavailable(Failure.of(FailureReason.VALIDATIONS_LIMITED, Duration.ofSeconds(1)));
    }
    ApiKeyValidation answer = workos.apply(value);
    Instant now = clock.instant();
    if (answer instanceof ApiKeyValidation.Valid valid) {
      ValidatedApiKey key = valid.key();
      Instant until = now.plus(validFor);
      if (key.expiresAt() != null && key.expiresAt().isBefore(until)) {
        until = key.expiresAt();
      }
      BearerOutcome outcome = new BearerOutcome.Key(key);
      known.remember(value, outcome, until);
      return outcome;
    }
    if (answer instanceof ApiKeyValidation.Unknown) {
      known.remember(value, REFUSED, now.plus(UNKNOWN_KEY_MEMORY.compareTo(validFor) < 0 ? UNKNOWN_KEY_MEMORY : validFor));
      return REFUSED;
    }
    return new BearerOutcome.Unavailable(((ApiKeyValidation.Failed) answer).failure());
  }

  private BearerOutcome await(CompletableFuture<BearerOutcome> running) {
    try {
      return running.get(waitLimit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new BearerOutcome.Unavailable(Failure.of(FailureReason.INTERNAL_ERROR));
    } catch (ExecutionException | TimeoutException e) {
      return new BearerOutcome.Unavailable(Failure.of(FailureReason.UNREACHABLE));
    }
  }

  private static void warnAtMostEveryMinute(AtomicLong last, String message) {
    long now = System.nanoTime();
    long before = last.get();
    if (now - before >= WARNING_INTERVAL_NANOS && last.compareAndSet(before, now)) {
      LOG.log(Level.WARNING, message);
    }
  }
}
