package com.bazar.order;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.bazar.common.api.Order;
import com.bazar.common.db.ReplicaComparison;
import com.bazar.common.db.ReplicatedDatabasesFactory;
import com.bazar.order.OrderService.Reply;
import com.bazar.order.core.OrderPlacement;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The real order service (configs/order-1.yml, both order databases in a temporary directory) before a stand-in catalog. */
class OrderIntegrationTest {
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
            ConfigOverride.config("databases.replicas[0].url", () -> "jdbc:sqlite:" + dataDir.resolve("order-1.db")),
            ConfigOverride.config("databases.replicas[1].url", () -> "jdbc:sqlite:" + dataDir.resolve("order-2.db")),
            ConfigOverride.config("catalog.replicas[0].url", CATALOG::url),
            ConfigOverride.config("catalog.replicas[1].url", CATALOG::url));

    private static final OrderService HTTP = new OrderService(APP);

    @Test
    void aPurchaseAnswersTheOrderAtTheCatalogsPriceAndLogsIt() {
        CATALOG.shelve(1, "How to get a good grade in DOS in 40 minutes a day", "40.00", 10);
        Logger placementLog = (Logger) LoggerFactory.getLogger(OrderPlacement.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        placementLog.addAppender(log);
        Instant before = Instant.now().minusMillis(1);

        Reply response = post("first-purchase", "{\"bookId\":1,\"quantity\":3}");
        placementLog.detachAppender(log);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.replica()).isEqualTo("order-1");
        JsonNode json = response.json();
        assertThat(json.get("unitPrice").asText()).isEqualTo("40.00");
        assertThat(json.get("total").asText()).isEqualTo("120.00");
        Order order = order(json);
        assertThat(order.orderId()).isPositive();
        assertThat(order.bookId()).isEqualTo(1);
        assertThat(order.title()).isEqualTo("How to get a good grade in DOS in 40 minutes a day");
        assertThat(order.quantity()).isEqualTo(3);
        assertThat(order.total()).isEqualByComparingTo(order.unitPrice().multiply(BigDecimal.valueOf(3)));
        assertThat(order.remainingStock()).isEqualTo(7);
        assertThat(order.createdAt()).isBetween(before, Instant.now());
        assertThat(CATALOG.stock(1)).isEqualTo(7);
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).startsWith("bought book How to get a good grade in DOS in 40 minutes a day"));
    }

    @Test
    void theSameKeyTwiceBuysOnceAndAnswersTheSameOrder() {
        CATALOG.shelve(2, "RPCs for Noobs", "12.50", 5);
        int decrements = CATALOG.decrements();

        Reply first = post("twice", "{\"bookId\":2,\"quantity\":2}");
        Reply second = post("twice", "{\"bookId\":2,\"quantity\":2}");

        Order placed = placed(first);
        assertThat(placed(second)).isEqualTo(placed);
        assertThat(CATALOG.decrements()).isEqualTo(decrements + 1);
        assertThat(CATALOG.stock(2)).isEqualTo(3);
        assertThat(ordersOnOwnDatabase()).filteredOn(o -> o.bookId() == 2).containsExactly(placed);
    }

    @Test
    void aRetryAfterTheCatalogBoughtButNoOrderWasRecordedRecordsItOnce() {
        CATALOG.shelve(3, "Xen and the Art of Surviving Undergraduate School", "9.99", 4);
        assertThat(CATALOG.buyDirectly(3, 1, "bought-then-crashed").getStatus()).isEqualTo(200);
        int decrements = CATALOG.decrements();

        Reply response = post("bought-then-crashed", "{\"bookId\":3,\"quantity\":1}");

        assertThat(placed(response).remainingStock()).isEqualTo(3);
        assertThat(CATALOG.decrements()).isEqualTo(decrements);
        assertThat(CATALOG.stock(3)).isEqualTo(3);
    }

    @Test
    void aKeyReusedForADifferentOrderIs422AndBuysNothing() {
        CATALOG.shelve(4, "Cooking for the Impatient Undergrad", "20.00", 10);
        placed(post("reused", "{\"bookId\":4,\"quantity\":1}"));
        int decrements = CATALOG.decrements();

        Reply response = post("reused", "{\"bookId\":4,\"quantity\":2}");

        Reply.assertError(response, 422, "Idempotency-Key reused for a different order");
        assertThat(CATALOG.decrements()).isEqualTo(decrements);
        assertThat(CATALOG.stock(4)).isEqualTo(9);
    }

    @Test
    void tooFewCopiesIs409AndBuysNothing() {
        CATALOG.shelve(5, "How to finish Project 3 on time", "30.00", 1);
        int orders = ordersOnOwnDatabase().size();

        Reply response = post("too-many", "{\"bookId\":5,\"quantity\":2}");

        Reply.assertError(response, 409, "book 5 has 1 copies left, 2 asked for");
        assertThat(ordersOnOwnDatabase()).hasSize(orders);
        assertThat(CATALOG.stock(5)).isEqualTo(1);
    }

    @Test
    void anUnknownBookIs404WithTheCatalogsMessage() {
        int orders = ordersOnOwnDatabase().size();

        Reply response = post("no-such-book", "{\"bookId\":999,\"quantity\":1}");

        Reply.assertError(response, 404, "no book with id 999");
        assertThat(ordersOnOwnDatabase()).hasSize(orders);
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("{\"bookId\":6,", "malformed JSON"),
                Arguments.of("{\"bookId\":6,\"quantity\":1,\"colour\":\"red\"}", "unknown field 'colour'"),
                Arguments.of("{\"bookId\":6,\"quantity\":0}", "quantity must be at least 1"),
                Arguments.of("{\"bookId\":6,\"quantity\":1.5}", "quantity"),
                Arguments.of("{\"quantity\":1}", "bookId is required"),
                Arguments.of("{\"bookId\":-6}", "bookId must be a positive integer"),
                Arguments.of("{\"bookId\":\"six\"}", "bookId"),
                Arguments.of("{\"bookId\":6} {}", "Trailing token"),
                Arguments.of("[6]", "invalid JSON body"),
                Arguments.of("", "a JSON body {\"bookId\":…,\"quantity\":…} is required"));
    }

    @ParameterizedTest
    @MethodSource("badBodies")
    void aBadBodyIs400AndRecordsNothing(String body, String message) {
        CATALOG.shelve(6, "Why theory classes are so hard.", "5.00", 10);
        int orders = ordersOnOwnDatabase().size();
        int decrements = CATALOG.decrements();

        Reply.assertError(post("bad-body-" + body.hashCode(), body), 400, message);
        assertThat(ordersOnOwnDatabase()).hasSize(orders);
        assertThat(CATALOG.decrements()).isEqualTo(decrements);
    }

    @Test
    void aBadIdempotencyKeyIs400AndBuysNothing() {
        CATALOG.shelve(6, "Why theory classes are so hard.", "5.00", 10);
        int decrements = CATALOG.decrements();

        Reply.assertError(post("k".repeat(201), "{\"bookId\":6,\"quantity\":1}"), 400, "Idempotency-Key");
        assertThat(CATALOG.decrements()).isEqualTo(decrements);
    }

    @Test
    void withoutAKeyEachRequestIsANewOrder() {
        CATALOG.shelve(7, "Spring in the Pioneer Valley", "8.00", 10);

        Order first = placed(post(null, "{\"bookId\":7}"));
        Order second = placed(post(null, "{\"bookId\":7}"));

        assertThat(second.orderId()).isNotEqualTo(first.orderId());
        assertThat(first.quantity()).as("quantity defaults to one").isEqualTo(1);
        assertThat(CATALOG.stock(7)).isEqualTo(8);
    }

    @Test
    void anOrderIsReadByIdAndUnknownOrMalformedIdsAreRefused() {
        CATALOG.shelve(8, "Distributed Systems for Bookshops", "11.00", 3);
        Order placed = placed(post("read-back", "{\"bookId\":8,\"quantity\":1}"));

        Reply found = get("/orders/" + placed.orderId());
        assertThat(placed(found)).isEqualTo(placed);
        Reply.assertError(get("/orders/999999"), 404, "no order with id 999999");
        Reply.assertError(get("/orders/abc"), 400, "order id must be a positive integer");
        Reply.assertError(get("/orders/0"), 400, "order id must be a positive integer");
    }

    @Test
    void theListIsNewestFirstAndItsLimitIsChecked() {
        CATALOG.shelve(9, "Caching for the Impatient", "3.00", 10);
        Order older = placed(post("list-1", "{\"bookId\":9,\"quantity\":1}"));
        Order newer = placed(post("list-2", "{\"bookId\":9,\"quantity\":2}"));

        Reply listed = get("/orders?limit=2");
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        assertThat(orders(listed.json())).containsExactly(newer, older);
        assertThat(orders(get("/orders").json())).startsWith(newer, older);
        for (String bad : List.of("0", "10001", "-1", "ten", "")) {
            Reply.assertError(get("/orders?limit=" + bad), 400, "limit must be a whole number from 1 to 10000");
        }
    }

    @Test
    void bothOrderDatabasesHoldTheSameRows() throws Exception {
        CATALOG.shelve(10, "Replication Made Simple", "7.25", 10);
        placed(post("replicated", "{\"bookId\":10,\"quantity\":4}"));

        try (ReplicatedDatabasesFactory.Opened opened = APP.getConfiguration().getDatabases().open(new MetricRegistry())) {
            ReplicaComparison.Report report = new ReplicaComparison(opened.databases(), OrderApplication.TABLES).compare();
            assertThat(report.identical()).as(String.join("\n", report.lines())).isTrue();
            assertThat(report.lines()).anySatisfy(line -> assertThat(line).startsWith("orders: order-1 has").doesNotContain("has 0 rows"));
            assertThat(report.lines()).anySatisfy(line -> assertThat(line).startsWith("order_placements: order-1 has")
                    .doesNotContain("has 0 rows"));
        }
    }

    @Test
    void anOrderRefusedBeforeAnythingWasBoughtLeavesItsKeyUnused() {
        CATALOG.shelve(11, "Consensus in Practice", "15.00", 1);
        int cancellations = CATALOG.cancellations();
        Reply.assertError(post("refused-then-restocked", "{\"bookId\":11,\"quantity\":2}"), 409,
                "book 11 has 1 copies left, 2 asked for");
        CATALOG.shelve(11, "Consensus in Practice", "15.00", 10);

        Order order = placed(post("refused-then-restocked", "{\"bookId\":11,\"quantity\":2}"));

        assertThat(order.remainingStock()).isEqualTo(8);
        assertThat(CATALOG.cancellations()).as("nothing to settle").isEqualTo(cancellations);
    }

    @Test
    void anOrderTheCatalogsPurchaseRefusesIsCancelledSoItsKeyNeverBuysLater() {
        CATALOG.shelve(12, "Paxos Made Simple Enough", "25.00", 10);
        // The stock read shows enough copies; the purchase itself is refused (someone bought them meanwhile).
        CATALOG.refuseNextPurchase(409, "only 0 copies of book 12 left, 1 asked for");
        Reply.assertError(post("refused-by-the-purchase", "{\"bookId\":12,\"quantity\":1}"), 409,
                "only 0 copies of book 12 left, 1 asked for");

        Reply retry = post("refused-by-the-purchase", "{\"bookId\":12,\"quantity\":1}");

        Reply.assertError(retry, 409, "order cancelled: nothing was bought under this Idempotency-Key");
        assertThat(CATALOG.isCancelled("refused-by-the-purchase")).isTrue();
        assertThat(CATALOG.stock(12)).isEqualTo(10);
        assertThat(ordersOnOwnDatabase()).noneMatch(o -> o.bookId() == 12);
    }

    private static Reply post(String key, String body) {
        return HTTP.post(key, body);
    }

    private static Reply get(String path) {
        return HTTP.get(path);
    }

    private static List<Order> ordersOnOwnDatabase() {
        return orders(get("/orders?limit=10000").json());
    }

    /** The order a successful placement answered. */
    private static Order placed(Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return order(reply.json());
    }

    private static Order order(JsonNode json) {
        return HTTP.json().convertValue(json, Order.class);
    }

    private static List<Order> orders(JsonNode json) {
        return HTTP.json().convertValue(json, HTTP.json().getTypeFactory().constructCollectionType(List.class, Order.class));
    }
}
