package com.bazar.bench.table;

import java.util.List;

/**
 * One row of the report's table: its service and call, the report's figure, and the StoreBenchmark method and
 * {@code via} that reproduce it, with caching on or off. The miss rows run with caching off, where every read
 * is a miss and the front end alternates its catalog replicas; the timed request is lined up with, and checked
 * against, the replica the row names.
 */
record Row(String service, String call, double reportMs, boolean cacheOn, String method, String via, String shortName) {

    /** The report's rows, in its order (its "Search with cache forwarded to replica N" are the misses). */
    static final List<Row> REPORT = List.of(
            new Row("Front end", "info, miss via replica 1", 24, false, "frontendInfoVia", "catalog-1", "FE info miss r1"),
            new Row("Front end", "info, miss via replica 2", 17, false, "frontendInfoVia", "catalog-2", "FE info miss r2"),
            new Row("Front end", "info, hit", 9, true, "frontendInfo", "frontend", "FE info hit"),
            new Row("Front end", "search, hit", 4, true, "frontendSearch", "frontend", "FE search hit"),
            new Row("Front end", "search, miss via replica 1", 18, false, "frontendSearchVia", "catalog-1", "FE search miss r1"),
            new Row("Front end", "search, miss via replica 2", 19, false, "frontendSearchVia", "catalog-2", "FE search miss r2"),
            new Row("Front end", "purchase via order replica 1", 27, true, "frontendPurchaseVia", "order-1", "FE purchase r1"),
            new Row("Front end", "purchase via order replica 2", 20, true, "frontendPurchaseVia", "order-2", "FE purchase r2"),
            new Row("Order", "purchase, replica 1 (direct)", 30, true, "orderPurchase", "order-1", "Order purchase r1"),
            new Row("Order", "purchase, replica 2 (direct)", 24, true, "orderPurchase", "order-2", "Order purchase r2"),
            new Row("Catalog", "info, replica 1 (direct)", 6, true, "catalogInfo", "catalog-1", "Catalog info r1"),
            new Row("Catalog", "info, replica 2 (direct)", 10, true, "catalogInfo", "catalog-2", "Catalog info r2"),
            new Row("Catalog", "search, replica 1 (direct)", 8, true, "catalogSearch", "catalog-1", "Catalog search r1"),
            new Row("Catalog", "search, replica 2 (direct)", 12, true, "catalogSearch", "catalog-2", "Catalog search r2"),
            new Row("Catalog", "update, replica 1 (direct)", 33, true, "catalogUpdate", "catalog-1", "Catalog update r1"),
            new Row("Catalog", "update, replica 2 (direct)", 30, true, "catalogUpdate", "catalog-2", "Catalog update r2"));

    /**
     * A guess of the time per timed request, to size the row's run: the target (the report's figure / 20), twice
     * that when an untimed line-up request precedes each timed one.
     */
    double expectedMs() {
        return reportMs / Targets.MIN_SPEED_UP * (method.endsWith("Via") ? 2 : 1);
    }

    String label() {
        return service + " " + call;
    }
}
