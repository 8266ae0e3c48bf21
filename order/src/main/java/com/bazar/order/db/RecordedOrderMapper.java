package com.bazar.order.db;

import com.bazar.order.core.RecordedOrder;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;

/** An orders row with its idempotency key, for copying it whole between databases. */
public final class RecordedOrderMapper implements RowMapper<RecordedOrder> {
    private final OrderMapper orders = new OrderMapper();

    @Override
    public RecordedOrder map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new RecordedOrder(rs.getString("idempotency_key"), orders.map(rs, ctx));
    }
}
