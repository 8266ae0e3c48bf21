package com.bazar.common.api;

import com.bazar.common.web.InvalidRequestException;

/** The one rule for ids in paths and bodies: a positive whole number that fits a long. */
public final class Ids {
    private Ids() {
    }

    /** Parses a path segment; anything but a positive integer that fits a long is a 400. */
    public static long parse(String what, String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 19 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidRequestException(what + " must be a positive integer, got '" + abbreviate(raw) + "'");
        }
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(what + " is too large: '" + raw + "'");
        }
        if (id < 1) {
            throw new InvalidRequestException(what + " must be a positive integer, got '" + raw + "'");
        }
        return id;
    }

    static long checkBookId(long id) {
        if (id < 1) {
            throw new IllegalArgumentException("bookId must be a positive integer, got " + id);
        }
        return id;
    }

    private static String abbreviate(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.length() <= 40 ? raw : raw.substring(0, 40) + "…";
    }
}
