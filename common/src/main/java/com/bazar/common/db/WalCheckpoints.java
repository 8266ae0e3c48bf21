package com.bazar.common.db;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;

/**
 * Checkpoints the SQLite databases in the background, so that no commit has to. By default the SQLite commit that
 * grows a WAL past 1,000 pages copies it into the database file and syncs both, there and then: with four database
 * files under every purchase, one purchase in thirty or so waited 3–6 ms for it (seen with strace as fsyncs in the
 * request threads). So {@link ReplicatedDatabases} turns that off on its write connections when it is built with
 * these, and {@link #checkpointAll} — run every {@link #INTERVAL_MILLIS} ms by the application — does it instead.
 *
 * <p>A PASSIVE checkpoint neither waits for nor blocks readers and writers, and copies what it can; a WAL that
 * could not be copied entirely is simply copied further next time. Durability is unchanged: synchronous=NORMAL
 * never synced commits, only checkpoints. Every process checkpoints every database in its list, so a database
 * whose own replica is down is still checkpointed; checkpoints that meet are harmless.
 */
public final class WalCheckpoints {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpoints.class);
    /** Between background checkpoints; a purchase adds a few pages per database, so the WAL stays a few MB. */
    public static final long INTERVAL_MILLIS = 250;

    private final List<ReplicaDatabase> databases;

    public WalCheckpoints(List<ReplicaDatabase> databases) {
        this.databases = List.copyOf(databases);
    }

    /** Whether {@code handle} is on SQLite, where WAL checkpoints apply (a server database has none). */
    static boolean isSqlite(Handle handle) {
        try {
            return "SQLite".equals(handle.getConnection().getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database this is", e);
        }
    }

    /** A write connection leaves checkpoints to this class. */
    static void leaveCheckpointsToBackground(Handle handle) {
        if (isSqlite(handle)) {
            handle.execute("PRAGMA wal_autocheckpoint = 0");
        }
    }

    /** One PASSIVE checkpoint of each SQLite database; a failure is logged and tried again next time. */
    public void checkpointAll() {
        for (ReplicaDatabase db : databases) {
            try {
                db.jdbi().useHandle(handle -> {
                    if (isSqlite(handle)) {
                        handle.createQuery("PRAGMA wal_checkpoint(PASSIVE)").mapToMap().list();
                    }
                });
            } catch (RuntimeException e) {
                LOG.warn("background checkpoint of {} failed (tried again in {} ms): {}", db.name(), INTERVAL_MILLIS,
                        e.toString());
            }
        }
    }
}
