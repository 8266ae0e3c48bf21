package com.bazar.order;

import com.bazar.order.OrderService.Reply;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The real order service configured with an internal token the (stand-in) catalog does not accept. */
class OrderWrongTokenIntegrationTest {
    @TempDir
    static Path dataDir;

    @RegisterExtension
    @org.junit.jupiter.api.Order(1)
    static final StandInCatalog CATALOG = new StandInCatalog();

    @RegisterExtension
    @org.junit.jupiter.api.Order(2)
    static final DropwizardAppExtension<OrderConfiguration> APP = new DropwizardAppExtension<>(OrderApplication.class,
            Path.of("../configs/order-1.yml").toAbsolutePath().toString(),
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"),
            ConfigOverride.config("tokens.internal", "not-the-catalogs-token"),
            ConfigOverride.config("databases.replicas[0].url", () -> "jdbc:sqlite:" + dataDir.resolve("order-1.db")),
            ConfigOverride.config("databases.replicas[1].url", () -> "jdbc:sqlite:" + dataDir.resolve("order-2.db")),
            ConfigOverride.config("catalog.replicas[0].url", CATALOG::url),
            ConfigOverride.config("catalog.replicas[1].url", CATALOG::url));

    private static final OrderService HTTP = new OrderService(APP);

    @Test
    void aCatalogRefusingOurTokenIs502WithItsReasonNotTheClientsFault() {
        CATALOG.shelve(1, "RPCs for Noobs", "10.00", 5);

        Reply reply = HTTP.post("wrong-token", "{\"bookId\":1,\"quantity\":1}");

        Reply.assertError(reply, 502, "HTTP 401: missing or wrong internal bearer token");
        assertThat(CATALOG.stock(1)).isEqualTo(5);
        assertThat(HTTP.get("/orders").json()).isEmpty();
    }
}
