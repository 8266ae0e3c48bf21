package com.bazar.catalog.db;

import com.bazar.catalog.core.RecordedPurchase;
import com.bazar.common.api.Book;
import com.bazar.common.api.Prices;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;

/** A purchases row joined with its book: the book as that purchase left it (price paid, stock remaining). */
public final class RecordedPurchaseMapper implements RowMapper<RecordedPurchase> {
    @Override
    public RecordedPurchase map(ResultSet rs, StatementContext ctx) throws SQLException {
        Book after = new Book(rs.getLong("book_id"), rs.getString("title"), rs.getString("topic"),
                Prices.fromCents(rs.getLong("unit_price_cents")), rs.getInt("remaining_stock"),
                rs.getLong("book_version"));
        return new RecordedPurchase(rs.getString("purchase_key"), rs.getInt("quantity"), after);
    }
}
