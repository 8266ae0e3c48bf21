package com.bazar.loadtests;

import java.time.Duration;

/**
 * What a run is told from the command line (system properties, as {@code mvn ... -Dbazar.users=32}) and the
 * environment.
 *
 * @param baseUrl  {@code bazar.baseUrl}: the front end (default http://127.0.0.1:8001)
 * @param users    {@code bazar.users}: concurrent virtual users, each with its own connection (default 16)
 * @param duration {@code bazar.duration}: seconds each user keeps sending requests (default 30)
 * @param mix      {@code bazar.mix}: browsing, shopping or ordering (default browsing)
 * @param adminToken {@code BAZAR_ADMIN_TOKEN} (default dev-admin-token), for the restock before the run
 */
public record LoadSettings(String baseUrl, int users, Duration duration, Mix mix, String adminToken) {
    public static final String DEFAULT_BASE_URL = "http://127.0.0.1:8001";

    public LoadSettings {
        if (users < 1) {
            throw new IllegalArgumentException("bazar.users must be at least 1, not " + users);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("bazar.duration must be at least 1 second, not " + duration.toSeconds());
        }
    }

    public static LoadSettings fromSystem() {
        String baseUrl = System.getProperty("bazar.baseUrl", DEFAULT_BASE_URL).trim();
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        String token = System.getenv("BAZAR_ADMIN_TOKEN");
        return new LoadSettings(baseUrl,
                intProperty("bazar.users", 16),
                Duration.ofSeconds(intProperty("bazar.duration", 30)),
                Mix.parse(System.getProperty("bazar.mix", Mix.BROWSING.label())),
                token == null || token.isEmpty() ? "dev-admin-token" : token);
    }

    private static int intProperty(String name, int defaultValue) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a whole number", e);
        }
    }

    @Override
    public String toString() {
        return "mix=" + mix.label() + " (" + mix.readPercent() + "% search/info, " + mix.purchasePercent()
                + "% purchase), users=" + users + ", duration=" + duration.toSeconds() + "s, baseUrl=" + baseUrl;
    }
}
