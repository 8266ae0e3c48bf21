package com.bazar.order.db;

import com.bazar.order.core.Placement;
import com.bazar.order.core.PlacementState;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** An order_placements row: the state's name as text, times as ISO-8601 text in UTC. */
public final class PlacementMapper implements RowMapper<Placement> {
    @Override
    public Placement map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Placement(rs.getString("idempotency_key"), rs.getLong("book_id"), rs.getInt("quantity"),
                PlacementState.valueOf(rs.getString("state")), Instant.parse(rs.getString("created_at")),
                Instant.parse(rs.getString("updated_at")));
    }
}
