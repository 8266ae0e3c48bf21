package com.bazar.order.db;

import com.bazar.common.api.Order;
import com.bazar.common.api.Prices;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** An orders row as the wire shows it: cents become exact prices, the timestamp text an instant. */
public final class OrderMapper implements RowMapper<Order> {
    @Override
    public Order map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Order(rs.getLong("id"), rs.getLong("book_id"), rs.getString("title"), rs.getInt("quantity"),
                Prices.fromCents(rs.getLong("unit_price_cents")), Prices.fromCents(rs.getLong("total_cents")),
                rs.getInt("remaining_stock"), Instant.parse(rs.getString("created_at")));
    }
}
