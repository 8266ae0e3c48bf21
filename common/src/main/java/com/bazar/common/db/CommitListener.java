package com.bazar.common.db;

/**
 * Told after each database of a replicated write commits. The application passes {@link #NONE}; fault tests
 * pass one that stops the process between two commits, the crash that start-up repair exists for.
 */
@FunctionalInterface
public interface CommitListener {
    CommitListener NONE = (database, index, total) -> {
    };

    void committed(String database, int index, int total);
}
