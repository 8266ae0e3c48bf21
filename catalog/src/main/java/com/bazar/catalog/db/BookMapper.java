package com.bazar.catalog.db;

import com.bazar.common.api.Book;
import com.bazar.common.api.Prices;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;

/** A books row as the wire's {@link Book}: whole cents become an exact two-place price. */
public final class BookMapper implements RowMapper<Book> {
    @Override
    public Book map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Book(rs.getLong("id"), rs.getString("title"), rs.getString("topic"),
                Prices.fromCents(rs.getLong("price_cents")), rs.getInt("stock"), rs.getLong("version"));
    }
}
