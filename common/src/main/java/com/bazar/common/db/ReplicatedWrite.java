package com.bazar.common.db;

/**
 * A write applied to every replica database: its outcome (new version, new id, or a refusal) is decided on
 * the first database in the global order, then the same outcome is written to each of the others.
 */
public interface ReplicatedWrite<T> {
    /** Runs on the first database; throwing here aborts the write everywhere. */
    T decide(ReplicaHandle first);

    /** Runs on each other database with what {@link #decide} returned. */
    void apply(ReplicaHandle replica, T decided);
}
