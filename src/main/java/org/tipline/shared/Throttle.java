package org.tipline.shared;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * Token buckets keyed by a name (a login address, a keyed hash of a source), held in a bounded
 * in-memory map.
 *
 * <p>Nothing here identifies a client by its network address: reporters are never recorded, and
 * staff logins are throttled per account. Each node keeps its own buckets, so N nodes allow up to
 * N times the configured rate; that is named in the threat model.
 */
public final class Throttle {

    private final Cache<String, Bucket> buckets;
    private final long capacity;
    private final Duration window;

    /** Allows {@code capacity} events per key within {@code window}, refilled gradually. */
    public Throttle(long capacity, Duration window, long maxKeys) {
        this.capacity = capacity;
        this.window = window;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(window.multipliedBy(2))
                .build();
    }

    /** Takes one token for {@code key}; returns false when the key has none left. */
    public boolean tryAcquire(String key) {
        return bucket(key).tryConsume(1);
    }

    /** Returns whether {@code key} has a token left, without taking it. */
    public boolean allows(String key) {
        return bucket(key).getAvailableTokens() > 0;
    }

    /** Forgets {@code key}, e.g. after a successful login. */
    public void reset(String key) {
        buckets.invalidate(key);
    }

    private Bucket bucket(String key) {
        return buckets.get(
                key,
                k -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(capacity)
                                .refillGreedy(capacity, window)
                                .build())
                        .build());
    }
}
