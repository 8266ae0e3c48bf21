package com.bazar.common.db;

import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares what every replica database holds, table by table, each read with a query that lists the rows
 * in a fixed order (so equal contents compare equal). Each database is read in its own transaction.
 */
public final class ReplicaComparison {
    private final ReplicatedDatabases databases;
    private final Map<String, String> orderedQueries;

    /** @param orderedQueries table name → a SELECT of all its rows in a fixed order; tables are compared by name */
    public ReplicaComparison(ReplicatedDatabases databases, Map<String, String> orderedQueries) {
        this.databases = databases;
        this.orderedQueries = new TreeMap<>(orderedQueries);
    }

    /** One line per table and database; {@link Report#identical()} is true only when every table matches. */
    public Report compare() {
        List<String> lines = new ArrayList<>();
        boolean identical = true;
        ReplicaDatabase reference = databases.all().get(0);
        for (Map.Entry<String, String> table : orderedQueries.entrySet()) {
            List<Map<String, Object>> expected = rows(reference, table.getValue());
            lines.add(table.getKey() + ": " + reference.name() + " has " + expected.size() + " rows");
            for (ReplicaDatabase other : databases.all().subList(1, databases.all().size())) {
                List<Map<String, Object>> actual = rows(other, table.getValue());
                String difference = firstDifference(expected, actual);
                identical &= difference == null;
                lines.add(table.getKey() + ": " + other.name()
                        + (difference == null ? " identical" : " DIFFERS from " + reference.name() + ": " + difference));
            }
        }
        return new Report(identical, lines);
    }

    private static List<Map<String, Object>> rows(ReplicaDatabase db, String query) {
        return db.jdbi().inTransaction(handle -> handle.createQuery(query).mapToMap().list());
    }

    private static String firstDifference(List<Map<String, Object>> expected, List<Map<String, Object>> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!Objects.equals(expected.get(i), actual.get(i))) {
                return "row " + (i + 1) + " is " + actual.get(i) + ", expected " + expected.get(i);
            }
        }
        if (expected.size() != actual.size()) {
            return actual.size() + " rows instead of " + expected.size();
        }
        return null;
    }

    public record Report(boolean identical, List<String> lines) {
    }
}
