package com.bazar.e2e;

import com.bazar.common.api.Book;
import com.bazar.common.api.Order;
import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The five real processes, started from their jars with configs/*.yml on free ports, caching on; every
 * check goes through the front end's public API as a user's client would, and ends with the replicas'
 * own check-replicas command.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class StoreEndToEndIT {
    private static final List<String> CATALOGS = List.of("catalog-1", "catalog-2");
    private static final TypeReference<List<Book>> BOOKS = new TypeReference<>() {
    };

    private static RunningStore store;
    private final Http http = new Http();

    @BeforeAll
    static void startStore() throws Exception {
        store = RunningStore.start(Map.of());
    }

    @AfterAll
    static void stopStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void a_searchInfoAndPurchaseAnswerWhatTheCatalogHolds() {
        Http.Reply search = http.get(store.frontend("/search/distributed%20systems"));
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.as(BOOKS)).extracting(Book::id).containsExactly(1L, 2L, 5L);
        assertThat(search.as(BOOKS)).extracting(Book::title)
                .contains("How to get a good grade in DOS in 40 minutes a day", "RPCs for Noobs", "How to finish Project 3 on time");
        assertThat(http.get(store.frontend("/search/underwater%20basket%20weaving")).as(BOOKS)).isEmpty();

        Book info = http.get(store.frontend("/info/2")).as(Book.class);
        assertThat(info.title()).isEqualTo("RPCs for Noobs");
        assertThat(info.topic()).isEqualTo("distributed systems");

        Http.Reply bought = http.post(store.frontend("/purchase/2"), "{\"quantity\":2}");
        assertThat(bought.status()).as(bought.toString()).isEqualTo(200);
        Order order = bought.as(Order.class);
        assertThat(order.bookId()).isEqualTo(2);
        assertThat(order.title()).isEqualTo("RPCs for Noobs");
        assertThat(order.quantity()).isEqualTo(2);
        assertThat(order.unitPrice()).isEqualByComparingTo(info.price());
        assertThat(order.total()).isEqualByComparingTo(info.price().multiply(java.math.BigDecimal.valueOf(2)));
        assertThat(order.remainingStock()).isEqualTo(info.stock() - 2);
        assertThat(bought.header("X-Bazar-Replica")).isIn("order-1", "order-2");
    }

    @Test
    void b_successiveMissesAlternateBetweenTheCatalogReplicas() {
        List<String> replicas = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // A topic never asked for before is always a miss.
            Http.Reply reply = http.get(store.frontend("/search/topic-" + UUID.randomUUID()));
            assertThat(reply.header("X-Bazar-Cache")).isEqualTo("miss");
            replicas.add(reply.header("X-Bazar-Replica"));
        }
        assertThat(replicas).containsOnly("catalog-1", "catalog-2");
        for (int i = 1; i < replicas.size(); i++) {
            assertThat(replicas.get(i)).as("miss %d after %s", i, replicas).isNotEqualTo(replicas.get(i - 1));
        }
    }

    @Test
    void c_aRepeatedInfoIsACacheHitWithTheSameAnswer() {
        Http.Reply first = http.get(store.frontend("/info/3"));
        Http.Reply second = http.get(store.frontend("/info/3"));
        assertThat(first.header("X-Bazar-Cache")).isIn("miss", "hit");
        assertThat(second.header("X-Bazar-Cache")).isEqualTo("hit");
        assertThat(second.body()).isEqualTo(first.body());
    }

    @Test
    void d_afterAPurchaseInfoAndSearchShowTheNewStock() {
        Book before = cachedInfo(1);
        cachedSearch("distributed systems");

        Order order = http.post(store.frontend("/purchase/1"), null).as(Order.class);
        assertThat(order.remainingStock()).isEqualTo(before.stock() - 1);

        Book after = http.get(store.frontend("/info/1")).as(Book.class);
        assertThat(after.stock()).isEqualTo(before.stock() - 1);
        assertThat(after.version()).isGreaterThan(before.version());
        Book inSearch = http.get(store.frontend("/search/distributed%20systems")).as(BOOKS).stream()
                .filter(b -> b.id() == 1).findFirst().orElseThrow();
        assertThat(inSearch.stock()).isEqualTo(before.stock() - 1);
    }

    @Test
    void e_afterAnUpdateInfoAndSearchShowTheNewPrice() {
        cachedInfo(6);
        cachedSearch("undergraduate school");

        Http.Reply updated = http.patch(store.frontend("/books/6"), "{\"price\":\"17.95\",\"stockDelta\":3}",
                "Authorization", Http.ADMIN);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);

        Book info = http.get(store.frontend("/info/6")).as(Book.class);
        assertThat(info.price()).isEqualByComparingTo("17.95");
        assertThat(info).isEqualTo(updated.as(Book.class));
        Book inSearch = http.get(store.frontend("/search/undergraduate%20school")).as(BOOKS).stream()
                .filter(b -> b.id() == 6).findFirst().orElseThrow();
        assertThat(inSearch.price()).isEqualByComparingTo("17.95");
    }

    @Test
    void f_outOfStockIs409AndStockNeverGoesNegative() {
        assertThat(http.patch(store.frontend("/books/4"), "{\"stock\":2}", "Authorization", Http.ADMIN).status()).isEqualTo(200);
        assertThat(http.post(store.frontend("/purchase/4"), "{\"quantity\":3}").status()).isEqualTo(409);
        assertThat(http.post(store.frontend("/purchase/4"), null).status()).isEqualTo(200);
        assertThat(http.post(store.frontend("/purchase/4"), "{}").status()).isEqualTo(200);
        Http.Reply soldOut = http.post(store.frontend("/purchase/4"), null);
        assertThat(soldOut.status()).isEqualTo(409);
        assertThat(soldOut.as(Map.class)).containsEntry("code", 409).containsKey("message");
        assertThat(http.get(store.frontend("/info/4")).as(Book.class).stock()).isZero();
        assertThat(http.post(store.frontend("/purchase/999"), null).status()).isEqualTo(404);
    }

    @Test
    void g_aPurchaseRepeatedWithItsIdempotencyKeyBuysOnce() {
        Book before = http.get(store.frontend("/info/7")).as(Book.class);
        String key = "e2e-" + UUID.randomUUID();
        Order first = http.post(store.frontend("/purchase/7"), "{\"quantity\":1}", "Idempotency-Key", key).as(Order.class);
        Order again = http.post(store.frontend("/purchase/7"), "{\"quantity\":1}", "Idempotency-Key", key).as(Order.class);
        assertThat(again).isEqualTo(first);
        assertThat(http.get(store.frontend("/info/7")).as(Book.class).stock()).isEqualTo(before.stock() - 1);
    }

    @Test
    void h_badInputIsA4xxJsonErrorAndChangesNothing() {
        Book before = http.get(store.frontend("/info/5")).as(Book.class);
        for (String id : List.of("abc", "0", "-1", "99999999999999999999", "1.5")) {
            assertError(http.get(store.frontend("/info/" + id)), 400);
            assertError(http.post(store.frontend("/purchase/" + id), null), 400);
        }
        assertError(http.get(store.frontend("/info/12345")), 404);
        for (String body : List.of("{\"quantity\":", "{\"quantity\":0}", "{\"quantity\":-2}", "{\"quantity\":\"two\"}",
                "{\"quantity\":1,\"coupon\":\"free\"}", "[1]")) {
            assertError(http.post(store.frontend("/purchase/5"), body), 400);
        }
        assertError(http.post(store.frontend("/purchase/5"), "{\"quantity\":1,\"pad\":\"" + "x".repeat(100_000) + "\"}"), 413);
        for (String body : List.of("{\"price\":\"-3\"}", "{\"stock\":-1}", "{\"price\":\"abc\"}", "{\"title\":\"x\"}", "{}")) {
            assertError(http.patch(store.frontend("/books/5"), body, "Authorization", Http.ADMIN), 400);
        }
        assertError(http.patch(store.frontend("/books/5"), "{\"price\":\"1.00\"}"), 401);
        assertError(http.patch(store.frontend("/books/5"), "{\"price\":\"1.00\"}", "Authorization", "Bearer wrong"), 401);
        assertError(http.post(store.frontend("/internal/invalidations"), "{\"bookId\":5,\"topic\":\"distributed systems\",\"version\":99}"), 401);

        assertThat(http.get(store.frontend("/info/5")).as(Book.class)).isEqualTo(before);
        assertThat(http.get(store.app("catalog-2", "/books/5")).as(Book.class)).isEqualTo(before);
    }

    @Test
    void z_bothCatalogAndBothOrderDatabasesAgree() throws Exception {
        for (String name : List.of("catalog-1", "order-1")) {
            RunningStore.CommandResult check = store.checkReplicas(name);
            assertThat(check.exitCode()).as(check.output()).isZero();
            assertThat(check.output()).contains("all replica databases are identical");
        }
        for (String catalog : CATALOGS) {
            assertThat(http.get(store.app(catalog, "/books/4")).as(Book.class).stock()).as(catalog).isZero();
        }
    }

    private Book cachedInfo(long id) {
        http.get(store.frontend("/info/" + id));
        Http.Reply hit = http.get(store.frontend("/info/" + id));
        assertThat(hit.header("X-Bazar-Cache")).isEqualTo("hit");
        return hit.as(Book.class);
    }

    private void cachedSearch(String topic) {
        String path = "/search/" + topic.replace(" ", "%20");
        http.get(store.frontend(path));
        assertThat(http.get(store.frontend(path)).header("X-Bazar-Cache")).isEqualTo("hit");
    }

    private static void assertError(Http.Reply reply, int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.as(Map.class)).as(reply.toString()).containsEntry("code", status).containsKey("message");
    }
}
