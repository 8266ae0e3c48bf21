package com.bazar.common.db;

import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps one handle's prepared statements open between uses, by SQL text, and hands them out again: the SQLite
 * driver has no statement cache, and preparing a statement costs more than running a one-row query (about 5 µs
 * against 4). It pays off because {@link ReplicatedDatabases} keeps its handles open. A statement still in use
 * (a second query with the same SQL while the first one's results are open) gets a fresh one, closed after; so do
 * statements that return generated keys or updatable results. Everything is closed with the handle.
 */
final class CachingStatementBuilder implements StatementBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(CachingStatementBuilder.class);
    /** Statements kept per handle at most; more than every DAO of a service has. */
    static final int MAX_KEPT = 64;

    private final StatementBuilder plain = new DefaultStatementBuilder();
    /** Least recently used first. A handle is used by one thread at a time, so no locking. */
    private final Map<String, PreparedStatement> kept = new LinkedHashMap<>(16, 0.75f, true);
    /** Kept statements handed out and not yet given back → their key in {@link #kept}. */
    private final Map<PreparedStatement, String> inUse = new IdentityHashMap<>();

    @Override
    public Statement create(Connection connection, StatementContext context) throws SQLException {
        return plain.create(connection, context);
    }

    @Override
    public PreparedStatement create(Connection connection, String sql, StatementContext context) throws SQLException {
        if (context.isReturningGeneratedKeys() || context.isConcurrentUpdatable()) {
            return plain.create(connection, sql, context);
        }
        PreparedStatement statement = kept.get(sql);
        if (statement != null && !inUse.containsKey(statement)) {
            inUse.put(statement, sql);
            return statement;
        }
        if (statement != null) {
            return plain.create(connection, sql, context);
        }
        statement = connection.prepareStatement(sql);
        kept.put(sql, statement);
        inUse.put(statement, sql);
        evictBeyondLimit();
        return statement;
    }

    @Override
    public CallableStatement createCall(Connection connection, String sql, StatementContext context) throws SQLException {
        return plain.createCall(connection, sql, context);
    }

    /**
     * A kept statement is cleared for its next use; any other is closed. ({@code sql} is JDBI's text before
     * parsing, not the key, so kept statements are recognised by identity.)
     */
    @Override
    public void close(Connection connection, String sql, Statement statement) throws SQLException {
        String key = statement instanceof PreparedStatement ? inUse.remove(statement) : null;
        if (key != null && kept.get(key) == statement) {
            try {
                ((PreparedStatement) statement).clearParameters();
                return;
            } catch (SQLException e) {
                kept.remove(key);
                LOG.debug("a kept statement could not be cleared; closing it", e);
            }
        }
        plain.close(connection, sql, statement);
    }

    /** The handle is closing: so is every kept statement. */
    @Override
    public void close(Connection connection) {
        for (PreparedStatement statement : kept.values()) {
            closeQuietly(statement);
        }
        kept.clear();
        inUse.clear();
    }

    private void evictBeyondLimit() {
        Iterator<PreparedStatement> oldest = kept.values().iterator();
        while (kept.size() > MAX_KEPT && oldest.hasNext()) {
            PreparedStatement statement = oldest.next();
            if (!inUse.containsKey(statement)) {
                oldest.remove();
                closeQuietly(statement);
            }
        }
    }

    private static void closeQuietly(Statement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            LOG.debug("closing a kept statement failed", e);
        }
    }
}
