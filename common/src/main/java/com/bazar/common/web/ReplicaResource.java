package com.bazar.common.web;

import com.bazar.common.api.ReplicaStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /replica}: which service and replica answers on this port; upstream health checks probe it. */
@Path("/replica")
@Produces(MediaType.APPLICATION_JSON)
public final class ReplicaResource {
    private final ReplicaStatus status;

    public ReplicaResource(ReplicaStatus status) {
        this.status = status;
    }

    @GET
    public ReplicaStatus get() {
        return status;
    }
}
