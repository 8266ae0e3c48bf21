package com.bazar.common.web;

import java.util.UUID;

/** The one rule for the Idempotency-Key header: 1 to 200 visible ASCII characters; absent means a fresh key. */
public final class IdempotencyKeys {
    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_LENGTH = 200;

    private IdempotencyKeys() {
    }

    /** The caller's key, checked, or a new random one when the caller sent none. */
    public static String orGenerate(String header) {
        if (header == null) {
            return UUID.randomUUID().toString();
        }
        if (header.isEmpty() || header.length() > MAX_LENGTH
                || !header.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new InvalidRequestException(HEADER + " must be 1 to " + MAX_LENGTH + " visible ASCII characters");
        }
        return header;
    }
}
