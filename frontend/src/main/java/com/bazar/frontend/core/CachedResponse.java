package com.bazar.frontend.core;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;

/**
 * A catalog answer as the caches keep it: the response bytes exactly as the catalog sent them, and the version
 * of every book they contain, so that a hit is served without any JSON work and a fill can be checked against
 * the version fence. Only a byte array and two long arrays, so Ehcache's off-heap tier can serialise it cheaply.
 */
public final class CachedResponse implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] body;
    private final long[] bookIds;
    private final long[] versions;

    /** Takes the body as it is, without a copy: neither the caches nor the resources ever modify it. */
    public CachedResponse(byte[] body, Map<Long, Long> versions) {
        this.body = body;
        this.bookIds = new long[versions.size()];
        this.versions = new long[versions.size()];
        int i = 0;
        for (Map.Entry<Long, Long> entry : versions.entrySet()) {
            bookIds[i] = entry.getKey();
            this.versions[i] = entry.getValue();
            i++;
        }
    }

    /** The response bytes; shared, so callers only read them. */
    public byte[] body() {
        return body;
    }

    /** True when some book in this answer is older than the newest version announced for it. */
    boolean isOlderThan(Map<Long, Long> fence) {
        for (int i = 0; i < bookIds.length; i++) {
            Long announced = fence.get(bookIds[i]);
            if (announced != null && versions[i] < announced) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "CachedResponse{" + body.length + " bytes, books " + Arrays.toString(bookIds)
                + ", versions " + Arrays.toString(versions) + "}";
    }
}
