package com.bazar.frontend;

import com.bazar.common.api.Book;
import com.bazar.common.api.OrderRequest;
import com.bazar.common.api.ReplicaStatus;
import com.bazar.common.web.ReplicaResource;
import com.bazar.frontend.standins.BookTable;
import com.bazar.frontend.standins.CatalogStandIn;
import com.bazar.frontend.standins.OrderStandIn;
import com.bazar.frontend.standins.StandInServers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardClientExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front end over real HTTP, with small stand-ins for catalog-1, catalog-2 and order-1 (order-2's address
 * refuses connections, as a stopped replica's does).
 */
class FrontendIntegrationTest {
    private static final String ADMIN = "Bearer test-admin-token";
    private static final String INTERNAL = "Bearer test-internal-token";
    private static final String DS = BookTable.DISTRIBUTED_SYSTEMS;
    private static final ObjectMapper JSON = Jackson.newObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final BookTable BOOKS = new BookTable();
    private static final CatalogStandIn CATALOG_1 = new CatalogStandIn("catalog-1", BOOKS, ADMIN);
    private static final CatalogStandIn CATALOG_2 = new CatalogStandIn("catalog-2", BOOKS, ADMIN);
    private static final OrderStandIn ORDER_1 = new OrderStandIn("order-1", BOOKS);
    private static final DropwizardClientExtension CATALOG_1_SERVER = new DropwizardClientExtension(CATALOG_1,
            new ReplicaResource(new ReplicaStatus("catalog", "catalog-1")));
    private static final DropwizardClientExtension CATALOG_2_SERVER = new DropwizardClientExtension(CATALOG_2,
            new ReplicaResource(new ReplicaStatus("catalog", "catalog-2")));
    private static final DropwizardClientExtension ORDER_1_SERVER = new DropwizardClientExtension(ORDER_1,
            new ReplicaResource(new ReplicaStatus("order", "order-1")));

    @RegisterExtension
    @Order(1)
    static final StandInServers STAND_INS = new StandInServers(CATALOG_1_SERVER, CATALOG_2_SERVER, ORDER_1_SERVER);

    @RegisterExtension
    @Order(2)
    static final DropwizardAppExtension<FrontendConfiguration> APP = new DropwizardAppExtension<>(
            FrontendApplication.class, "../configs/frontend.yml",
            overrides(() -> CATALOG_1_SERVER.baseUri().toString(), () -> CATALOG_2_SERVER.baseUri().toString()));

    /** The test YAML: the shipped file with free ports, the stand-ins' addresses and test tokens. */
    private static ConfigOverride[] overrides(Supplier<String> catalog1, Supplier<String> catalog2,
                                              ConfigOverride... more) {
        return Stream.concat(Stream.of(
                ConfigOverride.randomPorts(),
                ConfigOverride.config("tokens.admin", "test-admin-token"),
                ConfigOverride.config("tokens.internal", "test-internal-token"),
                ConfigOverride.config("catalog.replicas[0].url", catalog1),
                ConfigOverride.config("catalog.replicas[1].url", catalog2),
                ConfigOverride.config("order.replicas[0].url", () -> ORDER_1_SERVER.baseUri().toString()),
                ConfigOverride.config("order.replicas[1].url", STAND_INS::stoppedReplicaUrl),
                // A replica that failed is tried first again soon, so each test starts with both in turn.
                ConfigOverride.config("catalog.backoff", "1ms"),
                ConfigOverride.config("order.backoff", "1ms"),
                ConfigOverride.config("logging.level", "WARN")), Stream.of(more)).toArray(ConfigOverride[]::new);
    }

    @BeforeEach
    void cleanSlate() {
        CATALOG_1.reset();
        CATALOG_2.reset();
        ORDER_1.reset();
        // As the catalog would after a write: every book and topic is evicted, at its current version.
        for (Book book : BOOKS.all()) {
            assertThat(invalidate(book.id(), book.topic(), book.version(), INTERNAL).statusCode()).isEqualTo(204);
        }
    }

    // --- reads and the cache ---

    @Test
    void infoIsAMissFromACatalogReplicaAndThenAHitFromTheFrontEnd() {
        long hitsBefore = meterCount("cache.info.hits");

        HttpResponse<String> miss = get("/info/1");
        HttpResponse<String> hit = get("/info/1");

        assertThat(miss.statusCode()).isEqualTo(200);
        assertThat(header(miss, "X-Bazar-Cache")).isEqualTo("miss");
        assertThat(header(miss, "X-Bazar-Replica")).isIn("catalog-1", "catalog-2");
        assertThat(header(miss, "Content-Type")).startsWith("application/json");
        assertThat(read(miss, Book.class)).isEqualTo(BOOKS.get(1).orElseThrow());

        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(header(hit, "X-Bazar-Cache")).isEqualTo("hit");
        assertThat(header(hit, "X-Bazar-Replica")).isEqualTo("frontend");
        assertThat(header(hit, "Content-Type")).startsWith("application/json");
        assertThat(hit.body()).isEqualTo(miss.body());
        assertThat(CATALOG_1.reads() + CATALOG_2.reads()).isEqualTo(1);
        assertThat(meterCount("cache.info.hits")).isEqualTo(hitsBefore + 1);
    }

    @Test
    void successiveMissesAlternateBetweenTheCatalogReplicas() {
        List<String> replicas = new ArrayList<>();
        for (int id = 1; id <= 4; id++) {
            HttpResponse<String> response = get("/info/" + id);
            assertThat(header(response, "X-Bazar-Cache")).isEqualTo("miss");
            replicas.add(header(response, "X-Bazar-Replica"));
        }

        assertThat(replicas).containsOnly("catalog-1", "catalog-2");
        assertThat(replicas.get(1)).isNotEqualTo(replicas.get(0));
        assertThat(replicas.get(2)).isEqualTo(replicas.get(0));
        assertThat(replicas.get(3)).isEqualTo(replicas.get(1));
        assertThat(CATALOG_1.reads()).isEqualTo(2);
        assertThat(CATALOG_2.reads()).isEqualTo(2);
    }

    @Test
    void searchListsEveryBookOfTheTopicAndIsCached() {
        HttpResponse<String> miss = get("/search/distributed%20systems");
        HttpResponse<String> hit = get("/search/distributed%20systems");

        assertThat(miss.statusCode()).isEqualTo(200);
        assertThat(header(miss, "X-Bazar-Cache")).isEqualTo("miss");
        assertThat(ids(miss)).containsExactly(1L, 2L, 5L);
        assertThat(header(hit, "X-Bazar-Cache")).isEqualTo("hit");
        assertThat(hit.body()).isEqualTo(miss.body());
    }

    @Test
    void aSearchAnsweredUnderAnotherSpellingOfTheTopicIsNotCached() {
        // The catalog matches topics regardless of case, but an invalidation names the book's own spelling of
        // its topic, so an entry kept under "Distributed Systems" could never be evicted.
        HttpResponse<String> first = get("/search/Distributed%20Systems");
        HttpResponse<String> second = get("/search/Distributed%20Systems");

        assertThat(ids(first)).containsExactly(1L, 2L, 5L);
        assertThat(header(first, "X-Bazar-Cache")).isEqualTo("miss");
        assertThat(header(second, "X-Bazar-Cache")).isEqualTo("miss");
    }

    @Test
    void readsAreAnsweredBeforeJerseyHitsAndMissesAlike() {
        long resourceCallsBefore = timerCount("com.bazar.frontend.resources.InfoResource.info");
        long hitsBefore = meterCount("cache.info.hits");
        long missesBefore = meterCount("cache.info.misses");

        HttpResponse<String> miss = get("/info/3");
        List<HttpResponse<String>> hits = List.of(get("/info/3"), get("/info/3"), get("/info/3"));

        for (HttpResponse<String> hit : hits) {
            assertThat(hit.statusCode()).isEqualTo(200);
            assertThat(header(hit, "X-Bazar-Cache")).isEqualTo("hit");
            assertThat(header(hit, "X-Bazar-Replica")).isEqualTo("frontend");
            assertThat(header(hit, "Content-Type")).startsWith("application/json");
            assertThat(hit.body()).isEqualTo(miss.body());
        }
        assertThat(meterCount("cache.info.hits")).isEqualTo(hitsBefore + 3);
        assertThat(header(miss, "X-Bazar-Cache")).isEqualTo("miss");
        assertThat(header(miss, "X-Bazar-Replica")).startsWith("catalog-");
        assertThat(header(miss, "Content-Type")).startsWith("application/json");
        assertThat(meterCount("cache.info.misses")).as("one lookup per request").isEqualTo(missesBefore + 1);
        assertThat(timerCount("com.bazar.frontend.resources.InfoResource.info")).isEqualTo(resourceCallsBefore);
    }

    @Test
    void aCachedReadAskedForInAnotherFormIsStillAnsweredAsJerseyWould() {
        HttpResponse<String> miss = get("/info/1");

        // Forms the fast path leaves to Jersey, which answers them from the same cache.
        for (String path : List.of("/info/1/", "/info/1;format=x", "/info/%31")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(header(response, "X-Bazar-Cache")).as(path).isEqualTo("hit");
            assertThat(response.body()).as(path).isEqualTo(miss.body());
        }
        HttpResponse<String> json = send("GET", "/info/1", null, "Accept", "text/html;q=0.5, application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).isEqualTo(miss.body());
        HttpResponse<String> html = send("GET", "/info/1", null, "Accept", "text/html");
        assertThat(html.statusCode()).isEqualTo(406);
        assertThat(json(html).get("code").asInt()).isEqualTo(406);
        HttpResponse<String> head = send("HEAD", "/info/1", null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(header(head, "X-Bazar-Cache")).isEqualTo("hit");
    }

    @Test
    void aTopicIsTheDecodedPathSegmentAndAPlusIsNotASpace() {
        HttpResponse<String> miss = get("/search/distributed%20systems");
        HttpResponse<String> hit = get("/search/distributed%20systems");
        HttpResponse<String> plus = get("/search/distributed+systems");

        assertThat(header(hit, "X-Bazar-Cache")).isEqualTo("hit");
        assertThat(hit.body()).isEqualTo(miss.body());
        assertThat(header(plus, "X-Bazar-Cache")).isEqualTo("miss");
        assertThat(plus.body()).isEqualTo("[]");
    }

    @Test
    void anUnknownTopicIsAnEmptyList() {
        HttpResponse<String> response = get("/search/basket%20weaving");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void anUnknownBookIsA404FromTheCatalog() {
        HttpResponse<String> response = get("/info/99");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("code").asInt()).isEqualTo(404);
        assertThat(header(response, "X-Bazar-Replica")).isIn("catalog-1", "catalog-2");
    }

    @Test
    void afterAnInvalidationTheNextReadIsAMissWithTheNewData() {
        get("/info/2");
        get("/search/distributed%20systems");
        Book written = BOOKS.write(2, 3, new BigDecimal("35.00"));
        // Until the catalog's invalidation arrives, the cached copy is served.
        assertThat(read(get("/info/2"), Book.class).stock()).isEqualTo(10);

        HttpResponse<String> invalidation = invalidate(2, DS, written.version(), INTERNAL);
        HttpResponse<String> info = get("/info/2");
        HttpResponse<String> search = get("/search/distributed%20systems");

        assertThat(invalidation.statusCode()).isEqualTo(204);
        assertThat(header(info, "X-Bazar-Cache")).isEqualTo("miss");
        assertThat(read(info, Book.class)).isEqualTo(written);
        assertThat(json(info).get("price").asText()).isEqualTo("35.00");
        assertThat(header(search, "X-Bazar-Cache")).isEqualTo("miss");
        assertThat(json(search).get(1).get("stock").asInt()).isEqualTo(3);
    }

    @Test
    void anInvalidationWithoutTheInternalTokenIsRefusedAndEvictsNothing() {
        get("/info/3");
        Book book = BOOKS.get(3).orElseThrow();

        for (String authorization : new String[]{null, "Bearer wrong", ADMIN, "test-internal-token"}) {
            HttpResponse<String> refused = invalidate(3, book.topic(), book.version() + 1, authorization);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(json(refused).get("code").asInt()).isEqualTo(401);
            assertThat(json(refused).get("message").asText()).isNotBlank();
        }

        assertThat(header(get("/info/3"), "X-Bazar-Cache")).isEqualTo("hit");
    }

    @Test
    void anArrayOfInvalidationsEvictsEveryBookItNames() {
        Book six = BOOKS.get(6).orElseThrow();
        Book seven = BOOKS.get(7).orElseThrow();
        get("/info/6");
        get("/info/7");
        assertThat(header(get("/info/6"), "X-Bazar-Cache")).isEqualTo("hit");
        assertThat(header(get("/info/7"), "X-Bazar-Cache")).isEqualTo("hit");
        String body = "[{\"bookId\":6,\"topic\":\"" + six.topic() + "\",\"version\":" + six.version()
                + "},{\"bookId\":7,\"topic\":\"" + seven.topic() + "\",\"version\":" + seven.version() + "}]";

        HttpResponse<String> response = send("POST", "/internal/invalidations", body, "Authorization", INTERNAL);

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(header(get("/info/6"), "X-Bazar-Cache")).isEqualTo("miss");
        assertThat(header(get("/info/7"), "X-Bazar-Cache")).isEqualTo("miss");
    }

    @Test
    void anArrayWithOneBadInvalidationIsA400AndEvictsNothing() {
        Book six = BOOKS.get(6).orElseThrow();
        get("/info/6");
        String good = "{\"bookId\":6,\"topic\":\"" + six.topic() + "\",\"version\":" + six.version() + "}";
        for (String body : new String[]{"[]", "[" + good + ",{\"bookId\":6}]", "[" + good + ",7]", "42"}) {
            HttpResponse<String> response = send("POST", "/internal/invalidations", body, "Authorization", INTERNAL);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response).get("message").asText()).as(body).contains("bookId, topic and version");
        }
        assertThat(header(get("/info/6"), "X-Bazar-Cache")).isEqualTo("hit");
    }

    @Test
    void anInvalidationWithABadBodyIsA400() {
        for (String body : new String[]{"", "{\"bookId\":1,\"topic\":\"x\"}", "{\"bookId\":1,\"topic\":\"x\",\"version\":2,\"extra\":1}",
                "{\"bookId\":0,\"topic\":\"x\",\"version\":2}", "not json"}) {
            HttpResponse<String> response = send("POST", "/internal/invalidations", body, "Authorization", INTERNAL);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response).get("code").asInt()).isEqualTo(400);
        }
    }

    @Test
    void aReadOlderThanAnAnnouncedVersionIsAnsweredButNotCached() {
        Book book = BOOKS.get(5).orElseThrow();
        long refusedBefore = meterCount("cache.info.refused-fills");
        // The catalog announces a version this replica data does not have yet: what a slow read would return.
        invalidate(5, DS, book.version() + 1, INTERNAL);

        HttpResponse<String> first = get("/info/5");
        HttpResponse<String> second = get("/info/5");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(header(first, "X-Bazar-Cache")).isEqualTo("miss");
        assertThat(header(second, "X-Bazar-Cache")).isEqualTo("miss");
        assertThat(meterCount("cache.info.refused-fills")).isEqualTo(refusedBefore + 2);

        BOOKS.write(5, book.stock(), book.price());
        assertThat(header(get("/info/5"), "X-Bazar-Cache")).isEqualTo("miss");
        assertThat(header(get("/info/5"), "X-Bazar-Cache")).isEqualTo("hit");
    }

    // --- updates ---

    @Test
    void anUpdateWithoutTheAdminTokenNeverLeavesTheFrontEnd() {
        for (String authorization : new String[]{null, "Bearer wrong", INTERNAL}) {
            HttpResponse<String> response = authorization == null
                    ? send("PATCH", "/books/4", "{\"stockDelta\":5}")
                    : send("PATCH", "/books/4", "{\"stockDelta\":5}", "Authorization", authorization);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json(response).get("code").asInt()).isEqualTo(401);
        }

        assertThat(CATALOG_1.updates()).isEmpty();
        assertThat(CATALOG_2.updates()).isEmpty();
    }

    @Test
    void anUpdateIsForwardedOnceWithTheAdministratorsToken() {
        Book before = BOOKS.get(4).orElseThrow();

        HttpResponse<String> response = send("PATCH", "/books/4", "{\"stockDelta\":5,\"price\":\"12.5\"}",
                "Authorization", ADMIN);

        assertThat(response.statusCode()).isEqualTo(200);
        Book after = read(response, Book.class);
        assertThat(after.stock()).isEqualTo(before.stock() + 5);
        assertThat(after.price()).isEqualTo(new BigDecimal("12.50"));
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(header(response, "X-Bazar-Replica")).isIn("catalog-1", "catalog-2");
        List<String> updates = new ArrayList<>(CATALOG_1.updates());
        updates.addAll(CATALOG_2.updates());
        assertThat(updates).containsExactly("4 " + ADMIN + " BookUpdate[price=12.50, stock=null, stockDelta=5]");
    }

    @Test
    void aConflictingUpdatePassesTheCatalogsAnswerThrough() {
        HttpResponse<String> response = send("PATCH", "/books/6", "{\"stockDelta\":-1000}", "Authorization", ADMIN);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).get("code").asInt()).isEqualTo(409);
        assertThat(json(response).get("message").asText()).contains("negative");
        assertThat(BOOKS.get(6).orElseThrow().stock()).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "{\"stock\":1,\"stockDelta\":1}", "{\"stock\":-1}", "{\"price\":\"1.001\"}",
            "{\"colour\":\"red\"}", "{\"stock\":"})
    void aBadUpdateIsA400AndNotForwarded(String body) {
        HttpResponse<String> response = send("PATCH", "/books/6", body, "Authorization", ADMIN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("code").asInt()).isEqualTo(400);
        assertThat(CATALOG_1.updates()).isEmpty();
        assertThat(CATALOG_2.updates()).isEmpty();
    }

    // --- purchases ---

    @Test
    void aPurchaseIsForwardedWithTheClientsIdempotencyKey() {
        HttpResponse<String> response = send("POST", "/purchase/3", "{\"quantity\":2}", "Idempotency-Key", "key-123");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode order = json(response);
        assertThat(order.get("bookId").asLong()).isEqualTo(3);
        assertThat(order.get("quantity").asInt()).isEqualTo(2);
        assertThat(order.get("total").asText()).isEqualTo("80.00");
        assertThat(header(response, "X-Bazar-Replica")).isEqualTo("order-1");
        assertThat(header(response, "Idempotency-Key")).isEqualTo("key-123");
        assertThat(ORDER_1.received()).containsExactly(new OrderStandIn.Received("key-123",
                new OrderRequest(3L, 2)));
    }

    @Test
    void purchasesFailOverFromTheStoppedOrderReplicaWithoutBuyingTwice() {
        // order-2 refuses connections; whichever replica is tried first, each purchase reaches order-1 once.
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = send("POST", "/purchase/1", null, "Idempotency-Key", "retry-" + i);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(header(response, "X-Bazar-Replica")).isEqualTo("order-1");
        }

        assertThat(ORDER_1.received()).extracting(OrderStandIn.Received::idempotencyKey)
                .containsExactly("retry-0", "retry-1", "retry-2", "retry-3");
    }

    @Test
    void aPurchaseWithoutBodyOrKeyBuysOneCopyUnderAGeneratedKey() {
        HttpResponse<String> response = send("POST", "/purchase/7", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("quantity").asInt()).isEqualTo(1);
        assertThat(ORDER_1.received()).hasSize(1);
        String key = ORDER_1.received().get(0).idempotencyKey();
        // A version 7 UUID: time first, so the order databases' key indexes grow at their end.
        assertThat(key).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(header(response, "Idempotency-Key")).isEqualTo(key);
    }

    @Test
    void anOrderServiceRefusalPassesThrough() {
        HttpResponse<String> outOfStock = send("POST", "/purchase/7", "{\"quantity\":11}");
        HttpResponse<String> noSuchBook = send("POST", "/purchase/99", "{\"quantity\":1}");

        assertThat(outOfStock.statusCode()).isEqualTo(409);
        assertThat(json(outOfStock).get("message").asText()).contains("left");
        assertThat(header(outOfStock, "X-Bazar-Replica")).isEqualTo("order-1");
        assertThat(noSuchBook.statusCode()).isEqualTo(404);
        assertThat(json(noSuchBook).get("code").asInt()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"qty\":1}", "{\"quantity\":0}", "{\"quantity\":-2}", "{\"quantity\":1.5}",
            "{\"quantity\":\"two\"}", "[1]", "{\"quantity\":1} {}"})
    void aBadPurchaseBodyIsA400AndNothingIsOrdered(String body) {
        HttpResponse<String> response = send("POST", "/purchase/1", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("code").asInt()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).isNotBlank();
        assertThat(ORDER_1.received()).isEmpty();
    }

    @Test
    void aMalformedIdempotencyKeyIsA400() {
        for (String key : new String[]{"", "k".repeat(201), "two words"}) {
            HttpResponse<String> response = send("POST", "/purchase/1", null, "Idempotency-Key", key);
            assertThat(response.statusCode()).as("key [%s]", key).isEqualTo(400);
            assertThat(json(response).get("message").asText()).contains("Idempotency-Key");
        }
        assertThat(send("POST", "/purchase/1", null, "Idempotency-Key", "k".repeat(200)).statusCode()).isEqualTo(200);
        assertThat(ORDER_1.received()).hasSize(1);
    }

    @Test
    void aBodyOverTheSizeLimitIsA413AndNothingIsOrdered() {
        String body = "{\"quantity\":1" + " ".repeat(20_000) + "}";

        HttpResponse<String> response = send("POST", "/purchase/1", body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(json(response).get("code").asInt()).isEqualTo(413);
        assertThat(ORDER_1.received()).isEmpty();
    }

    // --- bad ids ---

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "99999999999999999999"})
    void aBadIdIsA400Everywhere(String id) {
        List<HttpResponse<String>> responses = List.of(
                get("/info/" + id),
                send("POST", "/purchase/" + id, null),
                send("PATCH", "/books/" + id, "{\"stockDelta\":1}", "Authorization", ADMIN));

        for (HttpResponse<String> response : responses) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).get("code").asInt()).isEqualTo(400);
            assertThat(json(response).get("message").asText()).contains("book id");
        }
        assertThat(ORDER_1.received()).isEmpty();
        assertThat(CATALOG_1.updates()).isEmpty();
        assertThat(CATALOG_2.updates()).isEmpty();
    }

    // --- failures of the replicas ---

    @Test
    void readsFailOverWhenOneCatalogReplicaIsDown() {
        CATALOG_2.failing(true);

        for (int id = 1; id <= 4; id++) {
            HttpResponse<String> response = get("/info/" + id);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(header(response, "X-Bazar-Replica")).isEqualTo("catalog-1");
        }
        assertThat(get("/search/undergraduate%20school").statusCode()).isEqualTo(200);
    }

    @Test
    void readsAre503WithTheReasonWhenBothCatalogReplicasAreDown() {
        CATALOG_1.failing(true);
        CATALOG_2.failing(true);
        long resourceCallsBefore = timerCount("com.bazar.frontend.resources.InfoResource.info")
                + timerCount("com.bazar.frontend.resources.SearchResource.search");

        for (String path : new String[]{"/info/1", "/search/distributed%20systems"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).isEqualTo(503);
            JsonNode error = json(response);
            assertThat(error.get("code").asInt()).isEqualTo(503);
            assertThat(error.get("message").asText()).contains("catalog-1", "catalog-2");
        }
        // The failure found before Jersey is answered by the resource (and Jersey's mapper) without asking again.
        assertThat(timerCount("com.bazar.frontend.resources.InfoResource.info")
                + timerCount("com.bazar.frontend.resources.SearchResource.search")).isEqualTo(resourceCallsBefore + 2);
        assertThat(CATALOG_1.refusedReads() + CATALOG_2.refusedReads()).as("each replica asked once per read").isEqualTo(4);
    }

    @Test
    void readsFailOverWhenACatalogReplicaRefusesConnections() throws Exception {
        // A second front end, whose catalog-2 address has nothing listening.
        DropwizardTestSupport<FrontendConfiguration> frontend = new DropwizardTestSupport<>(FrontendApplication.class,
                "../configs/frontend.yml",
                overrides(() -> CATALOG_1_SERVER.baseUri().toString(), STAND_INS::stoppedReplicaUrl));
        frontend.before();
        try {
            for (String path : new String[]{"/info/1", "/info/2", "/search/undergraduate%20school", "/info/3"}) {
                HttpResponse<String> response = send(frontend.getLocalPort(), "GET", path, null);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(header(response, "X-Bazar-Replica")).isEqualTo("catalog-1");
            }
        } finally {
            frontend.after();
        }
    }

    @Test
    void withTheCacheDisabledEveryReadGoesToACatalogReplica() throws Exception {
        DropwizardTestSupport<FrontendConfiguration> frontend = new DropwizardTestSupport<>(FrontendApplication.class,
                "../configs/frontend.yml",
                overrides(() -> CATALOG_1_SERVER.baseUri().toString(), () -> CATALOG_2_SERVER.baseUri().toString(),
                        ConfigOverride.config("cache.enabled", "false")));
        frontend.before();
        try {
            for (String path : new String[]{"/info/1", "/info/1", "/search/distributed%20systems", "/search/distributed%20systems"}) {
                HttpResponse<String> response = send(frontend.getLocalPort(), "GET", path, null);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(header(response, "X-Bazar-Cache")).isEqualTo("miss");
                assertThat(header(response, "X-Bazar-Replica")).isIn("catalog-1", "catalog-2");
            }
            assertThat(CATALOG_1.reads() + CATALOG_2.reads()).isEqualTo(4);
        } finally {
            frontend.after();
        }
    }

    @Test
    void theAdminPortReportsEachUpstreamAndWhichOfItsReplicasAreDown() {
        HttpResponse<String> response = admin("/healthcheck");

        JsonNode checks = json(response);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(checks.path("upstream-catalog").path("healthy").asBoolean()).as(response.body()).isTrue();
        assertThat(checks.path("upstream-catalog").path("message").asText()).contains("catalog-1", "catalog-2");
        // order-2 refuses connections: still healthy through order-1, with order-2 named as down.
        assertThat(checks.path("upstream-order").path("healthy").asBoolean()).as(response.body()).isTrue();
        assertThat(checks.path("upstream-order").path("message").asText()).containsPattern("down: \\[order-2\\b");
    }

    // --- helpers ---

    private static HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    private static HttpResponse<String> invalidate(long bookId, String topic, long version, String authorization) {
        String body = "{\"bookId\":" + bookId + ",\"topic\":\"" + topic + "\",\"version\":" + version + "}";
        return authorization == null
                ? send("POST", "/internal/invalidations", body)
                : send("POST", "/internal/invalidations", body, "Authorization", authorization);
    }

    private static HttpResponse<String> send(String method, String path, String body, String... headers) {
        return send(APP.getLocalPort(), method, path, body, headers);
    }

    private static HttpResponse<String> admin(String path) {
        return send(APP.getAdminPort(), "GET", path, null);
    }

    private static HttpResponse<String> send(int port, String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("(none)");
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    private static <T> T read(HttpResponse<String> response, Class<T> type) {
        try {
            return JSON.readValue(response.body(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("not a " + type.getSimpleName() + ": " + response.body(), e);
        }
    }

    private static List<Long> ids(HttpResponse<String> response) {
        List<Long> ids = new ArrayList<>();
        json(response).forEach(book -> ids.add(book.get("id").asLong()));
        return ids;
    }

    private static long timerCount(String name) {
        JsonNode timer = json(admin("/metrics")).path("timers").path(name);
        assertThat(timer.isMissingNode()).as("timer %s", name).isFalse();
        return timer.get("count").asLong();
    }

    private static long meterCount(String name) {
        JsonNode meter = json(admin("/metrics")).path("meters").path(name);
        assertThat(meter.isMissingNode()).as("meter %s", name).isFalse();
        return meter.get("count").asLong();
    }

}
