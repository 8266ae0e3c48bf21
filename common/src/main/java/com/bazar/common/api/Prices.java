package com.bazar.common.api;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Prices are exact decimals with two places on the wire and whole cents in the databases. */
public final class Prices {
    /** The largest price a book may have: well inside a long of cents, and far above any real book. */
    public static final BigDecimal MAX = new BigDecimal("1000000.00");

    private Prices() {
    }

    /** Brings a price to two decimal places; more precision than a cent, a negative or a huge price is refused. */
    public static BigDecimal normalize(BigDecimal price) {
        if (price.signum() < 0) {
            throw new IllegalArgumentException("price must not be negative");
        }
        if (price.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("price must not exceed " + MAX.toPlainString());
        }
        try {
            return price.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("price must have at most two decimal places");
        }
    }

    public static long toCents(BigDecimal price) {
        return normalize(price).movePointRight(2).longValueExact();
    }

    public static BigDecimal fromCents(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
