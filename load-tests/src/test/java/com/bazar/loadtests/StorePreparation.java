package com.bazar.loadtests;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What runs before the load: every book is restocked so that a long purchase-heavy run does not spend its time
 * on 409s, and the front end is asked whether it caches, so that the console says which of the two runs of a
 * mix this is. Plain JDK HTTP, outside Gatling's statistics.
 */
final class StorePreparation {
    /** The seven books of the seed catalog. */
    static final int FIRST_BOOK = 1;
    static final int LAST_BOOK = 7;
    /** Stock set on every book before a run (PATCH /books/{id} {"stock":RESTOCK_TO}). */
    static final int RESTOCK_TO = 100_000;

    private final LoadSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    StorePreparation(LoadSettings settings) {
        this.settings = settings;
    }

    /** Sets the stock of books 1..7 to {@link #RESTOCK_TO} through the front end's admin update. */
    void restock() {
        for (int id = FIRST_BOOK; id <= LAST_BOOK; id++) {
            HttpResponse<String> reply = send(HttpRequest.newBuilder(uri("/books/" + id))
                    .header("Authorization", "Bearer " + settings.adminToken())
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"stock\":" + RESTOCK_TO + "}")));
            if (reply.statusCode() != 200) {
                throw new IllegalStateException("restocking book " + id + ": PATCH " + reply.uri() + " answered "
                        + reply.statusCode() + " " + reply.body()
                        + (reply.statusCode() == 401 ? " (is BAZAR_ADMIN_TOKEN the store's admin token?)" : ""));
            }
        }
    }

    /**
     * Reads book 1 twice; with caching on the second read is a hit ({@code X-Bazar-Cache: hit}).
     *
     * @return "on", "off", or what the header said
     */
    String cacheState() {
        String header = "";
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> reply = send(HttpRequest.newBuilder(uri("/info/" + FIRST_BOOK)).GET());
            if (reply.statusCode() != 200) {
                throw new IllegalStateException("GET " + reply.uri() + " answered " + reply.statusCode() + " " + reply.body());
            }
            header = reply.headers().firstValue("X-Bazar-Cache").orElse("");
        }
        return switch (header) {
            case "hit" -> "on";
            case "miss" -> "off";
            default -> "unknown (X-Bazar-Cache: '" + header + "')";
        };
    }

    private URI uri(String path) {
        return URI.create(settings.baseUrl() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalStateException("no store answers at " + settings.baseUrl()
                    + " (start one with ./bazar up -d, or set -Dbazar.baseUrl)", e);
        } catch (IOException e) {
            throw new IllegalStateException("talking to " + settings.baseUrl() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the store", e);
        }
    }
}
