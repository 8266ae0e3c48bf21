package com.bazar.order.core;

import com.bazar.common.api.Order;
import com.bazar.common.db.ReplicatedDatabases;
import com.bazar.common.web.InvalidRequestException;
import com.bazar.order.db.OrderDao;

import java.util.List;

/** Orders as this replica's own database holds them. */
public final class OrderHistory {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;

    private final ReplicatedDatabases databases;

    public OrderHistory(ReplicatedDatabases databases) {
        this.databases = databases;
    }

    /** The newest orders first, at most {@code limit} of them. */
    public List<Order> newest(int limit) {
        return databases.read(handle -> handle.attach(OrderDao.class).newest(limit));
    }

    public Order byId(long id) {
        return databases.read(handle -> handle.attach(OrderDao.class).findById(id))
                .orElseThrow(() -> new OrderNotFoundException("no order with id " + id));
    }

    /** The {@code limit} query parameter: absent means {@value #DEFAULT_LIMIT}; anything but 1..{@value #MAX_LIMIT} is a 400. */
    public static int parseLimit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        boolean digits = !raw.isEmpty() && raw.length() <= 5 && raw.chars().allMatch(c -> c >= '0' && c <= '9');
        int limit = digits ? Integer.parseInt(raw) : 0;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit must be a whole number from 1 to " + MAX_LIMIT + ", got '"
                    + (raw.length() <= 20 ? raw : raw.substring(0, 20) + "…") + "'");
        }
        return limit;
    }
}
