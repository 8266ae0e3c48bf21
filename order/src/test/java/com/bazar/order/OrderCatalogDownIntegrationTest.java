package com.bazar.order;

import com.bazar.order.OrderService.Reply;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The real order service with both catalog replicas unreachable (a port nobody listens on). */
class OrderCatalogDownIntegrationTest {
    private static final String NOBODY = "http://127.0.0.1:" + closedPort();

    @TempDir
    static Path dataDir;

    @RegisterExtension
    static final DropwizardAppExtension<OrderConfiguration> APP = new DropwizardAppExtension<>(OrderApplication.class,
            Path.of("../configs/order-1.yml").toAbsolutePath().toString(),
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"),
            ConfigOverride.config("databases.replicas[0].url", () -> "jdbc:sqlite:" + dataDir.resolve("order-1.db")),
            ConfigOverride.config("databases.replicas[1].url", () -> "jdbc:sqlite:" + dataDir.resolve("order-2.db")),
            ConfigOverride.config("catalog.replicas[0].url", NOBODY),
            ConfigOverride.config("catalog.replicas[1].url", NOBODY));

    private static final OrderService HTTP = new OrderService(APP);

    @Test
    void aPurchaseWithNoCatalogReplicaReachableIs503NamingBothAndRecordsNothing() {
        Reply reply = HTTP.post("while-down", "{\"bookId\":1,\"quantity\":1}");

        Reply.assertError(reply, 503, "no catalog replica answered");
        assertThat(reply.json().get("message").asText()).contains("catalog-1").contains("catalog-2");
        assertThat(reply.replica()).isEqualTo("order-1");
        Reply listed = HTTP.get("/orders");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json()).isEmpty();
    }

    /** A port that was free a moment ago: connecting to it is refused at once, like a stopped catalog. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
