package com.bazar.common.fault;

import com.bazar.common.db.CommitListener;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault-injection switch for crash tests and demos: halts the process during its Nth replicated write after
 * start-up, right after that write committed on the first database of the global order and before it commits
 * on the others — the crash that start-up repair exists for. Writes are counted only once {@link #arm()} has
 * been called (after the application's own start-up writes: schema, seed, repair). {@code 0} never halts.
 */
public final class HaltBetweenCommits implements CommitListener {
    private final int haltOnWrite;
    private final Halt halt;
    private final AtomicInteger writes = new AtomicInteger();
    private volatile boolean armed;

    public HaltBetweenCommits(int haltOnWrite, Halt halt) {
        if (haltOnWrite < 0) {
            throw new IllegalArgumentException("haltOnWrite must be 0 (never) or a write number from 1");
        }
        this.haltOnWrite = haltOnWrite;
        this.halt = halt;
    }

    public boolean enabled() {
        return haltOnWrite > 0;
    }

    /** From now on, replicated writes are counted. */
    public void arm() {
        armed = true;
    }

    @Override
    public void committed(String database, int index, int total) {
        if (!armed || haltOnWrite == 0 || index != 0) {
            return;
        }
        int write = writes.incrementAndGet();
        if (write == haltOnWrite) {
            halt.now("replicated write " + write + " since start-up has committed on " + database
                    + " only; the other " + (total - 1) + " database(s) do not have it");
        }
    }
}
