package com.bazar.common.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

import java.util.List;

/** Every response names the replica that produced it, unless a front end already named the upstream that did. */
public final class ReplicaHeaderFilter implements ContainerResponseFilter {
    public static final String HEADER = "X-Bazar-Replica";

    private final List<Object> replica;

    public ReplicaHeaderFilter(String replica) {
        this.replica = List.of(replica);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putIfAbsent(HEADER, replica);
    }
}
