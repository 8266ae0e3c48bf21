package com.bazar.e2e;

import java.net.URI;
import java.util.Map;

/** Reads single figures out of a process's {@code /metrics} on its admin port, as an operator would. */
final class AdminMetrics {
    private AdminMetrics() {
    }

    /** The count of a meter, 0 when the meter does not exist yet. */
    static long meterCount(Http http, URI metrics, String name) {
        return number(section(http, metrics, "meters").get(name), "count");
    }

    /** The value of a numeric gauge. */
    static long gauge(Http http, URI metrics, String name) {
        Object gauge = section(http, metrics, "gauges").get(name);
        if (gauge == null) {
            throw new AssertionError("no gauge " + name + " at " + metrics);
        }
        return number(gauge, "value");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Http http, URI metrics, String section) {
        Http.Reply reply = http.get(metrics);
        if (reply.status() != 200) {
            throw new AssertionError(metrics + " answered " + reply);
        }
        Map<String, Object> all = reply.as(Map.class);
        return (Map<String, Object>) all.getOrDefault(section, Map.of());
    }

    private static long number(Object metric, String field) {
        if (metric == null) {
            return 0;
        }
        return ((Number) ((Map<?, ?>) metric).get(field)).longValue();
    }
}
