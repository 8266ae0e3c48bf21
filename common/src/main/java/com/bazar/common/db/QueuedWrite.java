package com.bazar.common.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link ReplicatedWrite} waiting for, then carried by, a group commit of {@link ReplicatedDatabases}. It
 * runs inside the group's transactions between savepoints, so that a write that throws (a refusal, say) is
 * undone on every database without undoing the others of its group; its outcome is handed back only once the
 * group has committed everywhere.
 */
final class QueuedWrite<T> {
    private final ReplicatedWrite<T> write;
    private T decided;
    private RuntimeException refusal;
    private RuntimeException groupFailure;
    private volatile boolean done;

    QueuedWrite(ReplicatedWrite<T> write) {
        this.write = write;
    }

    /**
     * Runs the write on the group's handles (the global order). Its own exception is kept for its caller and
     * the databases are rolled back to where it began; only a failure to roll back escapes, failing the group.
     */
    void runIn(List<ReplicaHandle> handles) {
        List<Savepoint> savepoints = new ArrayList<>(handles.size());
        try {
            for (ReplicaHandle handle : handles) {
                savepoints.add(handle.handle().getConnection().setSavepoint());
            }
            T result = write.decide(handles.get(0));
            for (ReplicaHandle replica : handles.subList(1, handles.size())) {
                write.apply(replica, result);
            }
            release(handles, savepoints);
            decided = result;
        } catch (RuntimeException e) {
            rollBack(handles, savepoints);
            refusal = e;
        } catch (SQLException e) {
            throw new IllegalStateException("could not set a savepoint", e);
        }
    }

    private static void release(List<ReplicaHandle> handles, List<Savepoint> savepoints) throws SQLException {
        for (int i = 0; i < savepoints.size(); i++) {
            handles.get(i).handle().getConnection().releaseSavepoint(savepoints.get(i));
        }
    }

    private static void rollBack(List<ReplicaHandle> handles, List<Savepoint> savepoints) {
        try {
            for (int i = 0; i < savepoints.size(); i++) {
                Connection connection = handles.get(i).handle().getConnection();
                connection.rollback(savepoints.get(i));
                connection.releaseSavepoint(savepoints.get(i));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not roll a refused write back to its savepoint", e);
        }
    }

    /** The group committed everywhere (or, with {@code failure}, did not: nothing of it is answered as done). */
    void finish(RuntimeException failure) {
        groupFailure = failure;
        done = true;
    }

    boolean isDone() {
        return done;
    }

    /** What {@link ReplicatedWrite#decide} returned, or the exception the caller must see. */
    T outcome() {
        if (refusal != null) {
            throw refusal;
        }
        if (groupFailure != null) {
            throw groupFailure;
        }
        return decided;
    }
}
