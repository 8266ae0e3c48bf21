package com.bazar.catalog;

import com.bazar.common.api.Book;
import com.bazar.common.api.Invalidation;
import com.bazar.common.api.PurchaseCancellation;
import com.codahale.metrics.Timer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** One real catalog process (both catalog databases), with a stand-in front end that records invalidations. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CatalogIntegrationTest {
    private static final String DATA_DIR = tempDir();
    private static final List<Invalidation> RECEIVED = new CopyOnWriteArrayList<>();

    private static final String FRONTEND_URL = startRecordingFrontend();

    private static final DropwizardAppExtension<CatalogConfiguration> CATALOG = new DropwizardAppExtension<>(
            CatalogApplication.class, "../configs/catalog-1.yml",
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"),
            ConfigOverride.config("databases.replicas[0].url", "jdbc:sqlite:" + DATA_DIR + "/catalog-1.db"),
            ConfigOverride.config("databases.replicas[1].url", "jdbc:sqlite:" + DATA_DIR + "/catalog-2.db"),
            ConfigOverride.config("frontends.replicas[0].url", FRONTEND_URL));

    @Test
    void searchAndInfoAnswerTheSeededBooks() {
        List<Book> books = request("/books?topic=distributed%20systems").get(new GenericType<>() {
        });
        assertThat(books).extracting(Book::id).containsExactly(1L, 2L, 5L);
        Book book = request("/books/2").get(Book.class);
        assertThat(book.title()).isEqualTo("RPCs for Noobs");
        assertThat(request("/books?topic=cooking").get(new GenericType<List<Book>>() {
        })).isEmpty();
    }

    @Test
    void anUpdateIsAnsweredOnlyAfterTheFrontEndWasToldOfItsNewVersion() {
        Response response = request("/books/6").header("Authorization", "Bearer dev-admin-token")
                .method("PATCH", Entity.json(Map.of("price", "12.25", "stockDelta", 5)));
        assertThat(response.getStatus()).isEqualTo(200);
        Book updated = response.readEntity(Book.class);
        assertThat(updated.price()).isEqualByComparingTo("12.25");
        assertThat(updated.stock()).isEqualTo(105);
        assertThat(RECEIVED).contains(new Invalidation(6L, "undergraduate school", updated.version()));
        assertThat(response.getHeaderString("X-Bazar-Replica")).isEqualTo("catalog-1");
    }

    @Test
    void concurrentPurchasesAreEachAnsweredOnlyAfterTheFrontEndWasToldOfTheirVersion() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<String>> checks = new java.util.ArrayList<>();
            for (int i = 0; i < 80; i++) {   // book 6 has 100 copies
                String key = "concurrent-" + i;
                checks.add(pool.submit(() -> {
                    Response response = purchase(6, 1, key);
                    if (response.getStatus() != 200) {
                        return "HTTP " + response.getStatus() + " " + response.readEntity(String.class);
                    }
                    Book after = response.readEntity(Book.class);
                    // Read at once on receiving the answer: the invalidation must already have arrived.
                    boolean told = RECEIVED.stream().anyMatch(inv -> inv.bookId() == 6 && inv.version() >= after.version());
                    return told ? "told" : "not told of v" + after.version();
                }));
            }
            for (var check : checks) {
                assertThat(check.get()).isEqualTo("told");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void purchasesNeedTheInternalTokenAndApplyAKeyOnce() {
        Response anonymous = request("/books/7/purchase").post(Entity.json(Map.of("quantity", 1)));
        assertThat(anonymous.getStatus()).isEqualTo(401);
        assertThat(anonymous.readEntity(Map.class)).containsEntry("code", 401);

        Book first = purchase(7, 2, "key-7").readEntity(Book.class);
        Response again = purchase(7, 2, "key-7");
        assertThat(again.getStatus()).isEqualTo(200);
        assertThat(again.readEntity(Book.class)).isEqualTo(first);
        assertThat(request("/books/7").get(Book.class).stock()).isEqualTo(first.stock());

        Response tooMany = purchase(7, 1000, "key-7b");
        assertThat(status(tooMany)).isEqualTo(409);
        assertThat(request("/books/7").get(Book.class).stock()).isEqualTo(first.stock());
        assertThat(status(purchase(99, 1, "key-99"))).isEqualTo(404);
    }

    @Test
    void cancellingAKeyNeedsTheInternalTokenAndAKeyAndSettlesItForGood() {
        Response anonymous = request("/purchases/cancel").header("Idempotency-Key", "k").post(Entity.json(""));
        assertThat(status(anonymous)).isEqualTo(401);
        Response keyless = request("/purchases/cancel").header("Authorization", "Bearer dev-internal-token").post(null);
        assertThat(keyless.getStatus()).isEqualTo(400);
        assertThat(keyless.readEntity(Map.class)).containsEntry("code", 400);

        Book before = request("/books/5").get(Book.class);
        Response cancelled = cancel("never-bought/with?odd#chars");
        assertThat(cancelled.getStatus()).isEqualTo(200);
        assertThat(cancelled.readEntity(Map.class)).isEqualTo(Map.of("key", "never-bought/with?odd#chars", "applied", false));

        Response late = purchase(5, 1, "never-bought/with?odd#chars");
        assertThat(late.getStatus()).isEqualTo(410);
        assertThat(late.readEntity(Map.class)).containsEntry("code", 410).extractingByKey("message").asString()
                .contains("was cancelled").contains("nothing was bought");
        assertThat(request("/books/5").get(Book.class)).isEqualTo(before);
    }

    @Test
    void cancellingAKeyThatBoughtAnswersThatPurchase() {
        Book bought = purchase(4, 3, "bought-then-cancelled").readEntity(Book.class);

        PurchaseCancellation answer = cancel("bought-then-cancelled").readEntity(PurchaseCancellation.class);

        assertThat(answer).isEqualTo(PurchaseCancellation.applied("bought-then-cancelled", 3, bought));
        assertThat(request("/books/4").get(Book.class).stock()).isEqualTo(bought.stock());
    }

    private static Response cancel(String key) {
        return request("/purchases/cancel").header("Authorization", "Bearer dev-internal-token")
                .header("Idempotency-Key", key).post(null);
    }

    @Test
    void aBookIsAnsweredBeforeJerseyWithTheBytesAndHeadersJerseyWouldSend() {
        Timer resource = CATALOG.getEnvironment().metrics().timer("com.bazar.catalog.resources.BookResource.info");
        long resourceCallsBefore = resource.getCount();

        Response direct = request("/books/3").accept("application/json").get();
        // An Accept with parameters is one the filter leaves to Jersey's negotiation: the resource answers it.
        Response viaJersey = request("/books/3").accept("application/json;q=1").get();

        assertThat(resource.getCount()).as("only the second reached the resource").isEqualTo(resourceCallsBefore + 1);
        for (Response response : List.of(direct, viaJersey)) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getHeaderString("Content-Type")).isEqualTo("application/json");
            assertThat(response.getHeaderString("X-Bazar-Replica")).isEqualTo("catalog-1");
        }
        String directBody = direct.readEntity(String.class);
        assertThat(directBody).isEqualTo(viaJersey.readEntity(String.class)).contains("\"id\":3");

        // A book that is not there is left to Jersey: its 404 in JSON.
        Response missing = request("/books/99").accept("application/json").get();
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(missing.readEntity(Map.class)).containsEntry("code", 404);
    }

    @Test
    void aSearchIsAnsweredBeforeJerseyWithTheBytesAndHeadersJerseyWouldSend() {
        Timer resource = CATALOG.getEnvironment().metrics().timer("com.bazar.catalog.resources.BookResource.search");
        long resourceCallsBefore = resource.getCount();

        // The front end's form (URLEncoder: a space is '+') and the percent form, both before Jersey.
        Response plus = request("/books?topic=distributed+systems").accept("application/json").get();
        Response percent = request("/books?topic=distributed%20systems").accept("application/json").get();
        Response unknown = request("/books?topic=cooking").accept("application/json").get();
        assertThat(resource.getCount()).as("none reached the resource").isEqualTo(resourceCallsBefore);

        Response viaJersey = request("/books?topic=distributed+systems").accept("application/json;q=1").get();
        assertThat(resource.getCount()).isEqualTo(resourceCallsBefore + 1);
        for (Response response : List.of(plus, percent, unknown, viaJersey)) {
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getHeaderString("Content-Type")).isEqualTo("application/json");
            assertThat(response.getHeaderString("X-Bazar-Replica")).isEqualTo("catalog-1");
        }
        String body = viaJersey.readEntity(String.class);
        assertThat(body).contains("\"id\":1", "\"id\":2", "\"id\":5");
        assertThat(plus.readEntity(String.class)).isEqualTo(body);
        assertThat(percent.readEntity(String.class)).isEqualTo(body);
        assertThat(unknown.readEntity(String.class)).isEqualTo("[]");

        // A topic the resource refuses is left to Jersey: its 400 in JSON.
        Response blank = request("/books?topic=%20").accept("application/json").get();
        assertThat(blank.getStatus()).isEqualTo(400);
        assertThat(blank.readEntity(Map.class)).containsEntry("code", 400);
    }

    @Test
    void badRequestsAre4xxJsonAndChangeNothing() {
        Book before = request("/books/3").get(Book.class);
        assertThat(status(request("/books/abc").get())).isEqualTo(400);
        assertThat(status(request("/books/0").get())).isEqualTo(400);
        assertThat(status(request("/books/99").get())).isEqualTo(404);
        assertThat(status(request("/books").get())).isEqualTo(400);
        for (String body : List.of("{\"price\":\"-1\"}", "{\"stock\":-1}", "{\"colour\":\"red\"}", "{\"price\":", "{}",
                "{\"price\":\"1.234\"}", "{\"stock\":1,\"stockDelta\":1}")) {
            Response response = request("/books/3").header("Authorization", "Bearer dev-admin-token")
                    .method("PATCH", Entity.json(body));
            assertThat(response.getStatus()).as(body).isEqualTo(400);
            assertThat(response.readEntity(Map.class)).as(body).containsKeys("code", "message");
        }
        Response wrongToken = request("/books/3").header("Authorization", "Bearer nope")
                .method("PATCH", Entity.json(Map.of("price", "1.00")));
        assertThat(status(wrongToken)).isEqualTo(401);
        assertThat(request("/books/3").get(Book.class)).isEqualTo(before);
    }

    /** The status, with the response closed so its pooled connection goes back. */
    private static int status(Response response) {
        try (response) {
            return response.getStatus();
        }
    }

    private static Response purchase(long id, int quantity, String key) {
        return request("/books/" + id + "/purchase").header("Authorization", "Bearer dev-internal-token")
                .header("Idempotency-Key", key).post(Entity.json(Map.of("quantity", quantity)));
    }

    private static Invocation.Builder request(String path) {
        return CATALOG.client().target("http://localhost:" + CATALOG.getLocalPort() + path).request();
    }

    private static String tempDir() {
        try {
            return Files.createTempDirectory("catalog-it").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stands in for a front end (JDK HTTP server, started before the catalog): records invalidations. */
    private static String startRecordingFrontend() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ObjectMapper mapper = new ObjectMapper();
            server.createContext("/internal/invalidations", exchange -> {
                // One invalidation, or an array of those that waited while the previous message was in flight.
                var body = mapper.readTree(exchange.getRequestBody());
                for (var element : body.isArray() ? body : List.of(body)) {
                    RECEIVED.add(mapper.treeToValue(element, Invalidation.class));
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return "http://127.0.0.1:" + server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
