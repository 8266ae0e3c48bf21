package com.bazar.common.client;

import com.sun.net.httpserver.HttpServer;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Which replica each request goes to: in turn, or the first of the list that is up; over real HTTP. */
class RoundRobinClientTest {
    private final List<HttpServer> servers = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();
    private CloseableHttpClient http;
    private RoundRobinClient client;

    @BeforeEach
    void twoReplicas() throws IOException {
        http = HttpClients.createDefault();
        List<ReplicaAddress> addresses = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = name.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            servers.add(server);
            addresses.add(new ReplicaAddress(name, "http://127.0.0.1:" + server.getAddress().getPort()));
        }
        client = new RoundRobinClient("test", addresses, http, Duration.ofSeconds(1), clock::get);
    }

    @AfterEach
    void stop() throws IOException {
        servers.forEach(server -> server.stop(0));
        http.close();
    }

    @Test
    void readsGoToTheReplicasInTurn() {
        assertThat(List.of(get(), get(), get(), get())).containsExactly("a", "b", "a", "b");
    }

    @Test
    void writesInListOrderGoToTheFirstReplicaWhileItIsUpAndFailOverWhenItIsNot() {
        assertThat(List.of(write(), write(), write())).containsExactly("a", "a", "a");

        servers.get(0).stop(0);
        assertThat(List.of(write(), write())).containsExactly("b", "b");
        assertThat(List.of(get(), get())).as("reads skip the resting replica too").containsExactly("b", "b");
    }

    private String get() {
        return client.get("/").replica();
    }

    private String write() {
        return client.sendInListOrder("POST", "/", new byte[0], Map.of(), RetryPolicy.REPEATABLE).replica();
    }
}
