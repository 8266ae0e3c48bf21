package com.bazar.bench.table;

import com.bazar.bench.http.StoreAddresses;
import com.bazar.bench.http.StoreHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Stock and orders as the replicas hold them, read over their APIs: the no-oversell checks compare what the
 * catalogs took from stock with the orders the order replicas recorded. Not a timer: nothing here is measured.
 */
final class Inventory implements AutoCloseable {
    private static final int MAX_LIMIT = 10_000;

    private final StoreAddresses store;
    private final StoreHttp http = new StoreHttp(4);
    private final ObjectMapper json = new ObjectMapper();

    Inventory(StoreAddresses store) {
        this.store = store;
    }

    /** Stock of a book on both catalog replicas. */
    long[] stock(long book) throws IOException {
        return new long[]{stockOn("catalog-1", book), stockOn("catalog-2", book)};
    }

    /** Sets the stock (an administrator's update through catalog-1; both databases are written). */
    void setStock(long book, int stock) throws IOException {
        StoreHttp.Answer answer = http.patch(URI.create(store.catalog1() + "/books/" + book),
                ("{\"stock\":" + stock + "}").getBytes(StandardCharsets.UTF_8),
                Map.of("Authorization", "Bearer " + store.adminToken()));
        if (answer.status() != 200) {
            throw new IllegalStateException("setting the stock of book " + book + " failed: " + answer);
        }
    }

    /** The newest order id on both order replicas (0 before the first order). */
    long[] newestOrderIds() throws IOException {
        return new long[]{newestOrderId("order-1"), newestOrderId("order-2")};
    }

    /** How many orders of a book each order replica holds (at most {@value #MAX_LIMIT} newest looked at). */
    long[] ordersOf(long book) throws IOException {
        return new long[]{ordersOf("order-1", book), ordersOf("order-2", book)};
    }

    private long stockOn(String replica, long book) throws IOException {
        return read(URI.create(store.replica(replica) + "/books/" + book)).path("stock").asLong(-1);
    }

    private long newestOrderId(String replica) throws IOException {
        JsonNode orders = read(URI.create(store.replica(replica) + "/orders?limit=1"));
        return orders.isEmpty() ? 0 : orders.get(0).path("orderId").asLong();
    }

    private long ordersOf(String replica, long book) throws IOException {
        JsonNode orders = read(URI.create(store.replica(replica) + "/orders?limit=" + MAX_LIMIT));
        long n = 0;
        for (JsonNode order : orders) {
            if (order.path("bookId").asLong() == book) {
                n++;
            }
        }
        return n;
    }

    private JsonNode read(URI uri) throws IOException {
        StoreHttp.Answer answer = http.get(uri);
        if (answer.status() != 200) {
            throw new IllegalStateException("GET " + uri + ": " + answer);
        }
        return json.readTree(answer.body());
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
