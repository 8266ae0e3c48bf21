package com.bazar.loadtests;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The three request mixes of issue 4: which share of a user's requests are reads (search or info) and which purchases. */
public enum Mix {
    BROWSING(95),
    SHOPPING(80),
    ORDERING(50);

    private final int readPercent;

    Mix(int readPercent) {
        this.readPercent = readPercent;
    }

    /** Reads: search and info, half each. */
    public int readPercent() {
        return readPercent;
    }

    public int purchasePercent() {
        return 100 - readPercent;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code browsing}, {@code shopping} or {@code ordering}, in any case. */
    public static Mix parse(String value) {
        for (Mix mix : values()) {
            if (mix.label().equalsIgnoreCase(value.trim())) {
                return mix;
            }
        }
        throw new IllegalArgumentException("bazar.mix=" + value + ": expected one of "
                + Arrays.stream(values()).map(Mix::label).collect(Collectors.joining(", ")));
    }
}
