package com.bazar.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for the tests: what curl would show a user, with the body parsed on demand. */
final class Http {
    static final String ADMIN = "Bearer dev-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Reply get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET());
    }

    Reply post(URI uri, String json, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return send(withHeaders(builder, json, headers));
    }

    Reply patch(URI uri, String json, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).method("PATCH", HttpRequest.BodyPublishers.ofString(json));
        return send(withHeaders(builder, json, headers));
    }

    private static HttpRequest.Builder withHeaders(HttpRequest.Builder builder, String json, String... headers) {
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Reply(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        String body() {
            return response.body();
        }

        <T> T as(Class<T> type) {
            return as(JSON.getTypeFactory().constructType(type));
        }

        <T> T as(TypeReference<T> type) {
            return as(JSON.getTypeFactory().constructType(type));
        }

        private <T> T as(com.fasterxml.jackson.databind.JavaType type) {
            try {
                return JSON.readValue(response.body(), type);
            } catch (IOException e) {
                throw new AssertionError("HTTP " + status() + " body is not " + type + ": " + response.body(), e);
            }
        }

        @Override
        public String toString() {
            return "HTTP " + status() + " " + response.body();
        }
    }
}
