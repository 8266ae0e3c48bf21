package com.bazar.common.web;

import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The one rule for the Idempotency-Key header: 1 to 200 visible ASCII characters; absent means a fresh key. */
public final class IdempotencyKeys {
    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_LENGTH = 200;

    private IdempotencyKeys() {
    }

    /** The caller's key, checked, or a new one when the caller sent none. */
    public static String orGenerate(String header) {
        if (header == null) {
            return timeOrdered(System.currentTimeMillis(), ThreadLocalRandom.current());
        }
        if (header.isEmpty() || header.length() > MAX_LENGTH
                || !header.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new InvalidRequestException(HEADER + " must be 1 to " + MAX_LENGTH + " visible ASCII characters");
        }
        return header;
    }

    /**
     * A version 7 UUID (RFC 9562): the Unix time in milliseconds first, then 74 random bits. Keys made later sort
     * later, so the key indexes of the order and catalog databases grow at their end, as with ids, instead of at
     * a random leaf per purchase (about 10 % more purchases per second; bench/README.md). Unique, not secret: any
     * caller may see it.
     */
    static String timeOrdered(long unixMillis, Random random) {
        long high = (unixMillis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
