package com.bazar.bench.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run of {@code ./bazar bench} measured and checked, for the table, the CSV and the chart. */
final class Results {
    /** The report's rows, in its order. */
    final Map<Row, Measured> rows = new LinkedHashMap<>();
    /** POST /internal/invalidations alone. */
    Measured invalidation;
    /** GET /info/1 right after a write of book 1 (a miss caused by the invalidation). */
    Measured missAfterWrite;
    /** "info, hit" / "info, miss" / "purchase" → clients → sampled latency. */
    final Map<String, Map<Integer, Measured>> concurrent = new LinkedHashMap<>();
    Measured ping16;
    Measured infoHit16;
    Measured purchases16;
    /** Stock taken from book 7 against orders recorded, over every purchase of the cache-on phase. */
    Accounting purchaseAccounting;
    /** Book 4 sold out by 16 clients: exactly its stock sold. */
    Accounting sellOut;
    final List<String> machine = new ArrayList<>();
    String started;
    String finished;

    /**
     * A stock/orders balance: what the two catalog replicas show before and after, and how many orders the two
     * order replicas recorded meanwhile. Sound (nothing oversold, nothing lost) when both replicas of each kind
     * agree, the stock never went below zero, and the stock taken equals the orders recorded.
     */
    record Accounting(String what, long stockBefore, long[] stockAfter, long[] ordersRecorded, boolean sellOut) {
        long sold() {
            return stockBefore - stockAfter[0];
        }

        boolean sound() {
            return stockAfter[0] == stockAfter[1] && stockAfter[0] >= 0 && sold() >= 0
                    && ordersRecorded[0] == ordersRecorded[1] && sold() == ordersRecorded[0];
        }

        boolean soldOut() {
            return stockAfter[0] == 0;
        }

        String describe() {
            return what + ": stock " + stockBefore + " → " + stockAfter[0] + " (catalog-1) / " + stockAfter[1]
                    + " (catalog-2), so " + sold() + " sold; orders recorded " + ordersRecorded[0] + " (order-1) / "
                    + ordersRecorded[1] + " (order-2)" + (sellOut && !soldOut() ? "; NOT sold out in time" : "");
        }
    }
}
