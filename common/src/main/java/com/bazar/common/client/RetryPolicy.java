package com.bazar.common.client;

/** When a request that failed on one replica may be sent to the next one. */
public enum RetryPolicy {
    /**
     * Reads, and writes that carry an idempotency key: any connection failure, timeout or 5xx moves on to the
     * next replica, because repeating the request cannot apply it twice.
     */
    REPEATABLE,
    /**
     * Writes without a key: only a request that was never sent (refused or timed-out connection, no pooled
     * connection) moves on; once it may have reached a replica, its failure is reported, not repeated.
     */
    AT_MOST_ONCE
}
