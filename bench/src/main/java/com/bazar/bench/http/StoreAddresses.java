package com.bazar.bench.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the HTTP benchmarks find a running store: system properties {@code bazar.bench.<name>} (base URLs) and
 * the two tokens. The defaults are those of {@code ./bazar up} (ports 8000-8004, front end admin 9001, the
 * development tokens or BAZAR_ADMIN_TOKEN / BAZAR_INTERNAL_TOKEN), so the benchmarks can be pointed at a store
 * started by hand; {@code ./bazar bench} sets every property to the store it started.
 */
public record StoreAddresses(URI frontend, URI frontendAdmin, URI catalog1, URI catalog2, URI order1, URI order2,
                             String adminToken, String internalToken) {
    public static final String PREFIX = "bazar.bench.";

    /** The property names and their defaults, in a fixed order. */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("frontend", "http://127.0.0.1:8001");
        defaults.put("frontend-admin", "http://127.0.0.1:9001");
        defaults.put("catalog-1", "http://127.0.0.1:8000");
        defaults.put("catalog-2", "http://127.0.0.1:8003");
        defaults.put("order-1", "http://127.0.0.1:8002");
        defaults.put("order-2", "http://127.0.0.1:8004");
        defaults.put("admin-token", envOr("BAZAR_ADMIN_TOKEN", "dev-admin-token"));
        defaults.put("internal-token", envOr("BAZAR_INTERNAL_TOKEN", "dev-internal-token"));
        return defaults;
    }

    public static StoreAddresses fromSystemProperties() {
        Map<String, String> d = defaults();
        return new StoreAddresses(uri(d, "frontend"), uri(d, "frontend-admin"), uri(d, "catalog-1"),
                uri(d, "catalog-2"), uri(d, "order-1"), uri(d, "order-2"),
                value(d, "admin-token"), value(d, "internal-token"));
    }

    /** The base URL of a catalog or order replica by its name (catalog-1 … order-2). */
    public URI replica(String name) {
        return switch (name) {
            case "catalog-1" -> catalog1;
            case "catalog-2" -> catalog2;
            case "order-1" -> order1;
            case "order-2" -> order2;
            default -> throw new IllegalArgumentException("no replica named '" + name + "'");
        };
    }

    /** These addresses as -D options, for JMH's forked JVMs. */
    public Map<String, String> asProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("frontend", frontend.toString());
        p.put("frontend-admin", frontendAdmin.toString());
        p.put("catalog-1", catalog1.toString());
        p.put("catalog-2", catalog2.toString());
        p.put("order-1", order1.toString());
        p.put("order-2", order2.toString());
        p.put("admin-token", adminToken);
        p.put("internal-token", internalToken);
        return p;
    }

    private static URI uri(Map<String, String> defaults, String name) {
        return URI.create(stripSlash(value(defaults, name)));
    }

    private static String value(Map<String, String> defaults, String name) {
        return System.getProperty(PREFIX + name, defaults.get(name));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String envOr(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
