package com.bazar.common.db;

import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * This process's own database (for reads) and every replica database (for writes), in the global order
 * that every configuration lists identically.
 *
 * <p>A write opens a transaction on each database in that order, and its first statement updates the single
 * row of {@value #LOCK_TABLE}. On SQLite that statement takes the database's write lock (waiting out the busy
 * timeout, never failing while another writer holds it); on a server database it takes a row lock. So writers
 * in any process acquire the locks in the same order: they are serialised identically everywhere and cannot
 * deadlock. Commits also go in that order, so if a process dies between two commits, the earlier databases
 * are the ones ahead — the difference start-up repair resolves.
 *
 * <p>Why not SQLite's {@code BEGIN IMMEDIATE}: sqlite-jdbc starts the next transaction as soon as one commits,
 * so with {@code transaction_mode=IMMEDIATE} a writer re-takes the lock of a database it just committed while
 * it still holds the next one — two writers then wait on each other until the busy timeout. A deferred begin
 * takes no lock, and the lock-row update takes it at the moment we choose.
 */
public final class ReplicatedDatabases {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicatedDatabases.class);
    static final String LOCK_TABLE = "replication_lock";
    /** Writes committed together at most; bounds how long one group holds every database's write lock. */
    static final int MAX_GROUP = 64;
    /**
     * Read handles kept open at most (each holds a pooled connection). Reads beyond them use a handle of their own,
     * closed after. With the write handle, keep this below the pool's maxSize.
     */
    static final int MAX_KEPT_READ_HANDLES = 4;
    private static final Duration OPEN_PATIENCE = Duration.ofSeconds(10);

    private final List<ReplicaDatabase> all;
    private final ReplicaDatabase own;
    private final CommitListener commitListener;
    /**
     * Taken before the databases' locks: writers of this process wait here, where the turn is handed on within
     * microseconds (and their writes gather into groups), rather than in SQLite's busy handler, which sleeps 1,
     * 2, 5, 10… ms between tries. Only writers of other processes meet in the databases' locks.
     */
    private final ReentrantLock writersOfThisProcess = new ReentrantLock();
    private final Queue<QueuedWrite<?>> queued = new ConcurrentLinkedQueue<>();
    /** One kept handle per database, in the global order, for writes; only touched under writersOfThisProcess. */
    private List<ReplicaHandle> writeHandles;
    /** Kept handles on this process's own database, idle between reads; at most MAX_KEPT_READ_HANDLES. */
    private final Deque<ReplicaHandle> idleReadHandles = new ConcurrentLinkedDeque<>();
    private final AtomicInteger keptReadHandles = new AtomicInteger();

    public ReplicatedDatabases(List<ReplicaDatabase> all, String ownName, CommitListener commitListener) {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("at least one database is needed");
        }
        this.all = List.copyOf(all);
        this.own = all.stream().filter(db -> db.name().equals(ownName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("own database '" + ownName + "' is not among the databases listed"));
        this.commitListener = commitListener;
        for (ReplicaDatabase db : all) {
            prepareWhenOpenable(db);
        }
    }

    /**
     * The first connection to a new SQLite file switches it to WAL, which needs the file to itself; when two
     * replicas start at once, the one that finds the other mid-switch (or mid-schema) is refused at once, not
     * after the busy timeout, which sqlite-jdbc sets up only afterwards. So start-up tries again for a while.
     */
    private static void prepareWhenOpenable(ReplicaDatabase db) {
        long deadline = System.nanoTime() + OPEN_PATIENCE.toNanos();
        while (true) {
            try {
                db.jdbi().useHandle(ReplicatedDatabases::createLockRow);
                return;
            } catch (ConnectionException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                LOG.info("database {} is busy being opened by another process ({}); trying again", db.name(),
                        e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Plain SQL every database accepts; each statement is atomic on its own, so two processes may race here. */
    private static void createLockRow(Handle handle) {
        handle.execute("CREATE TABLE IF NOT EXISTS " + LOCK_TABLE + " (id INTEGER PRIMARY KEY, writes INTEGER NOT NULL)");
        handle.execute("INSERT INTO " + LOCK_TABLE + " (id, writes) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM " + LOCK_TABLE + ")");
    }

    private static void takeWriteLock(Handle handle) {
        if (handle.execute("UPDATE " + LOCK_TABLE + " SET writes = writes + 1 WHERE id = 1") != 1) {
            throw new IllegalStateException(LOCK_TABLE + " has no row: the database was not prepared");
        }
    }

    public List<ReplicaDatabase> all() {
        return all;
    }

    public ReplicaDatabase own() {
        return own;
    }

    /** A read on this process's own database, on a kept handle when one is free. */
    public <T> T read(Function<ReplicaHandle, T> read) {
        ReplicaHandle handle = idleReadHandles.pollFirst();
        boolean kept = handle != null || keptReadHandles.incrementAndGet() <= MAX_KEPT_READ_HANDLES;
        if (handle == null) {
            try {
                handle = new ReplicaHandle(own.jdbi().open());
            } finally {
                if (!kept || handle == null) {
                    keptReadHandles.decrementAndGet();
                }
            }
        }
        boolean reusable = false;
        try {
            T result = read.apply(handle);
            reusable = !handle.handle().isInTransaction();
            return result;
        } finally {
            if (kept && reusable) {
                idleReadHandles.addFirst(handle);
            } else {
                if (kept) {
                    keptReadHandles.decrementAndGet();
                }
                // After a failure the handle is not trusted again: a new one is opened for the next read.
                closeQuietlyRollingBack(handle.handle());
            }
        }
    }

    /**
     * Applies a write to every database under all their write locks, taken and committed in the global order,
     * and returns once it is committed on all of them.
     *
     * <p>Group commit: the writes that arrive while another write of this process holds the locks queue up, and
     * the next thread to get the turn carries all of them (up to {@value #MAX_GROUP}) in one transaction per
     * database, each between savepoints, in the order they arrived. So under load a write costs a share of one
     * lock round and one commit per database instead of a whole one; alone, it is committed on its own at once.
     * A write that throws is rolled back alone; if the group cannot commit, every write of it fails.
     */
    public <T> T write(ReplicatedWrite<T> write) {
        QueuedWrite<T> mine = new QueuedWrite<>(write);
        queued.add(mine);
        writersOfThisProcess.lock();
        try {
            while (!mine.isDone()) {
                commitGroup(nextGroup());
            }
        } finally {
            writersOfThisProcess.unlock();
        }
        return mine.outcome();
    }

    /** Writes waiting for their group commit (for tests). */
    int queuedWrites() {
        return queued.size();
    }

    private List<QueuedWrite<?>> nextGroup() {
        List<QueuedWrite<?>> group = new ArrayList<>();
        QueuedWrite<?> next;
        while (group.size() < MAX_GROUP && (next = queued.poll()) != null) {
            group.add(next);
        }
        return group;
    }

    private void commitGroup(List<QueuedWrite<?>> group) {
        boolean committed = false;
        RuntimeException failure = null;
        try {
            withWriteHandlesLocked(handles -> {
                for (QueuedWrite<?> write : group) {
                    write.runIn(handles);
                }
                return null;
            });
            committed = true;
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            if (!committed && failure == null) {
                // An Error escaped: a waiting writer must never find its write taken but unfinished. (Made only
                // here: filling in a stack trace under Jetty costs more than a small write.)
                failure = new IllegalStateException("the group commit was aborted");
            }
            for (QueuedWrite<?> write : group) {
                write.finish(failure);
            }
        }
    }

    /**
     * Runs {@code work} with a transaction open on every database (handles in the global order, each holding
     * its write lock), then commits them in that order; if {@code work} throws, every database is rolled back.
     * For writes that must see all databases at once, such as start-up repair.
     */
    public <T> T withAllLocked(Function<List<Handle>, T> work) {
        writersOfThisProcess.lock();
        try {
            return withWriteHandlesLocked(handles -> work.apply(handles.stream().map(ReplicaHandle::handle).toList()));
        } finally {
            writersOfThisProcess.unlock();
        }
    }

    /** Under writersOfThisProcess: the kept write handles, each in a transaction holding its database's lock. */
    private <T> T withWriteHandlesLocked(Function<List<ReplicaHandle>, T> work) {
        if (writeHandles == null) {
            List<ReplicaHandle> opened = new ArrayList<>(all.size());
            try {
                for (ReplicaDatabase db : all) {
                    opened.add(new ReplicaHandle(db.jdbi().open()));
                }
            } catch (RuntimeException e) {
                opened.forEach(ReplicaHandle::close);
                throw e;
            }
            writeHandles = List.copyOf(opened);
        }
        List<ReplicaHandle> handles = writeHandles;
        boolean committed = false;
        try {
            for (ReplicaHandle handle : handles) {
                handle.handle().begin();
                takeWriteLock(handle.handle());
            }
            T result = work.apply(handles);
            for (int i = 0; i < handles.size(); i++) {
                handles.get(i).handle().commit();
                commitListener.committed(all.get(i).name(), i, handles.size());
            }
            committed = true;
            return result;
        } finally {
            if (!committed) {
                // Rolled back and closed: after a failure, the next write starts on new handles.
                writeHandles = null;
                for (ReplicaHandle handle : handles) {
                    closeQuietlyRollingBack(handle.handle());
                }
            }
        }
    }

    /** Closes the handles kept between writes and reads; for shutdown, before the connection pools stop. */
    public void closeKeptHandles() {
        writersOfThisProcess.lock();
        try {
            if (writeHandles != null) {
                writeHandles.forEach(ReplicaHandle::close);
                writeHandles = null;
            }
        } finally {
            writersOfThisProcess.unlock();
        }
        ReplicaHandle idle;
        while ((idle = idleReadHandles.pollFirst()) != null) {
            keptReadHandles.decrementAndGet();
            idle.close();
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
