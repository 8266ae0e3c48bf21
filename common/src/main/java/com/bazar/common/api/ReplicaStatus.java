package com.bazar.common.api;

/** What {@code GET /replica} answers on every service: who this process is. */
public record ReplicaStatus(String service, String replica) {
}
