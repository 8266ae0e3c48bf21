package com.bazar.common.db;

import org.jdbi.v3.core.Handle;

import java.util.HashMap;
import java.util.Map;

/**
 * A JDBI handle on one replica database that {@link ReplicatedDatabases} keeps open between uses, with the
 * SqlObjects attached to it so far. Why: JDBI 3.51 builds a handler for every method of a SqlObject type on each
 * {@code Handle.attach}, ~40 µs for our DAOs — more than the query (a catalog read: 52 µs attaching each time,
 * 12 µs on a kept handle; measured in process). Used by one thread at a time, like a {@link Handle}.
 */
public final class ReplicaHandle {
    private final Handle handle;
    private final Map<Class<?>, Object> attached = new HashMap<>();

    ReplicaHandle(Handle handle) {
        this.handle = handle;
    }

    /** The SqlObject of {@code type} on this handle, attached the first time it is asked for. */
    public <T> T attach(Class<T> type) {
        return type.cast(attached.computeIfAbsent(type, handle::attach));
    }

    /** The JDBI handle itself, for plain statements. */
    public Handle handle() {
        return handle;
    }

    void close() {
        handle.close();
    }
}
