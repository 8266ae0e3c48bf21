package com.bazar.common.db;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * This process's own database (for reads) and every replica database (for writes), in the global order
 * that every configuration lists identically.
 *
 * <p>A write opens a transaction on each database in that order. With SQLite's {@code transaction_mode=IMMEDIATE}
 * the transaction takes the database's write lock as it begins, so writers in any process acquire the locks
 * in the same order: they are serialised identically everywhere, and cannot deadlock. Commits also go in
 * that order, so if a process dies between two commits, the earlier databases are the ones ahead — the
 * difference start-up repair resolves.
 */
public final class ReplicatedDatabases {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicatedDatabases.class);

    private final List<ReplicaDatabase> all;
    private final ReplicaDatabase own;
    private final CommitListener commitListener;

    public ReplicatedDatabases(List<ReplicaDatabase> all, String ownName, CommitListener commitListener) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("at least one database is needed");
        }
        this.all = List.copyOf(all);
        this.own = all.stream().filter(db -> db.name().equals(ownName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("own database '" + ownName + "' is not among the databases listed"));
        this.commitListener = commitListener;
    }

    public List<ReplicaDatabase> all() {
        return all;
    }

    public ReplicaDatabase own() {
        return own;
    }

    /** A read on this process's own database. */
    public <T> T read(HandleCallback<T, RuntimeException> read) {
        return own.jdbi().withHandle(read);
    }

    /** Runs {@code work} once on every database, each in its own transaction, without cross-database locking. */
    public void onEach(Function<Handle, Void> work) {
        for (ReplicaDatabase db : all) {
            db.jdbi().useTransaction(handle -> work.apply(handle));
        }
    }

    /** Applies a write to every database under all their write locks, taken and committed in the global order. */
    public <T> T write(ReplicatedWrite<T> write) {
        List<Handle> handles = new ArrayList<>(all.size());
        try {
            for (ReplicaDatabase db : all) {
                Handle handle = db.jdbi().open();
                handles.add(handle);
                handle.begin();
            }
            T decided = write.decide(handles.get(0));
            for (int i = 1; i < handles.size(); i++) {
                write.apply(handles.get(i), decided);
            }
            for (int i = 0; i < handles.size(); i++) {
                handles.get(i).commit();
                commitListener.committed(all.get(i).name(), i, handles.size());
            }
            return decided;
        } finally {
            for (Handle handle : handles) {
                closeQuietlyRollingBack(handle);
            }
        }
    }

    private static void closeQuietlyRollingBack(Handle handle) {
        try {
            if (handle.isInTransaction()) {
                handle.rollback();
            }
        } catch (RuntimeException e) {
            // The original exception (if any) is what the caller needs to see; this one is only logged.
            LOG.warn("rollback failed", e);
        } finally {
            handle.close();
        }
    }
}
