package com.bazar.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Talks HTTP to an order service started by a test, as the front end would. */
final class OrderService {
    private final DropwizardAppExtension<OrderConfiguration> app;

    OrderService(DropwizardAppExtension<OrderConfiguration> app) {
        this.app = app;
    }

    /** {@code POST /orders} with this body and, unless null, this Idempotency-Key. */
    Reply post(String key, String body) {
        Invocation.Builder request = app.client().target(url("/orders")).request(MediaType.APPLICATION_JSON_TYPE);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return Reply.of(request.post(Entity.entity(body, MediaType.APPLICATION_JSON_TYPE)), json());
    }

    Reply get(String path) {
        return Reply.of(app.client().target(url(path)).request(MediaType.APPLICATION_JSON_TYPE).get(), json());
    }

    ObjectMapper json() {
        return app.getObjectMapper();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + app.getLocalPort() + path;
    }

    /** A response read in full (so its pooled connection is released), with its body as text. */
    record Reply(int status, String mediaType, String replica, String text, ObjectMapper mapper) {
        static Reply of(Response response, ObjectMapper mapper) {
            try (response) {
                return new Reply(response.getStatus(), String.valueOf(response.getMediaType()),
                        response.getHeaderString("X-Bazar-Replica"), response.readEntity(String.class), mapper);
            }
        }

        JsonNode json() {
            try {
                return mapper.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text, e);
            }
        }

        /** A JSON error {"code":status,"message":…} whose message contains {@code messagePart}. */
        static void assertError(Reply reply, int status, String messagePart) {
            assertThat(reply.status()).as(reply.text()).isEqualTo(status);
            assertThat(reply.mediaType()).isEqualTo(MediaType.APPLICATION_JSON);
            assertThat(reply.json().get("code").asInt()).isEqualTo(status);
            assertThat(reply.json().get("message").asText()).contains(messagePart);
        }
    }
}
