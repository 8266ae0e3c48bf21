package com.bazar.frontend.resources;

import com.bazar.common.client.UpstreamResponse;
import com.bazar.common.web.ReplicaHeaderFilter;
import com.bazar.frontend.core.Headers;
import com.bazar.frontend.core.ReadAnswer;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Turns answers into responses: the bytes as they are, as JSON, with the headers that say where they came from. */
final class Answers {
    private Answers() {
    }

    static Response read(ReadAnswer answer) {
        Response.ResponseBuilder response = Response.status(answer.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(answer.body())
                .header(Headers.CACHE, answer.hit() ? "hit" : "miss");
        // On a hit the common ReplicaHeaderFilter names this front end instead.
        answer.upstreamReplica().ifPresent(replica -> response.header(ReplicaHeaderFilter.HEADER, replica));
        return response.build();
    }

    static Response.ResponseBuilder forwarded(UpstreamResponse upstream) {
        return Response.status(upstream.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(upstream.body())
                .header(ReplicaHeaderFilter.HEADER, upstream.replica());
    }
}
