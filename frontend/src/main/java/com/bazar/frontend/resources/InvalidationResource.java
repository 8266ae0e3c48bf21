package com.bazar.frontend.resources;

import com.bazar.common.api.Invalidation;
import com.bazar.common.web.InvalidRequestException;
import com.bazar.common.web.RequiresToken;
import com.bazar.frontend.core.ResponseCache;
import com.codahale.metrics.annotation.ExceptionMetered;
import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /internal/invalidations} (internal token): a catalog announces committed writes — one invalidation
 * object, or an array of them when several writes committed while its previous message was in flight. Answered
 * only once every named book and topic is evicted and the fences raised, because the catalog answers its own
 * clients after this returns. A body with any invalid element is refused whole (400) and changes nothing.
 */
@Path("/internal/invalidations")
@Produces(MediaType.APPLICATION_JSON)
public final class InvalidationResource {
    private static final String SHAPE = "an invalidation is a JSON object with bookId, topic and version, or a non-empty array of them";

    private final ResponseCache cache;
    private final ObjectMapper mapper;

    public InvalidationResource(ResponseCache cache, ObjectMapper mapper) {
        this.cache = cache;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresToken(RequiresToken.Kind.INTERNAL)
    @Timed
    @ExceptionMetered
    public Response invalidate(JsonNode body) {
        for (Invalidation invalidation : invalidations(body)) {
            cache.invalidate(invalidation);
        }
        return Response.noContent().build();
    }

    private List<Invalidation> invalidations(JsonNode body) {
        if (body == null || !(body.isObject() || body.isArray() && !body.isEmpty())) {
            throw new InvalidRequestException(SHAPE);
        }
        List<Invalidation> invalidations = new ArrayList<>();
        for (JsonNode element : body.isArray() ? body : List.of(body)) {
            try {
                invalidations.add(mapper.treeToValue(element, Invalidation.class));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new InvalidRequestException(SHAPE + (body.isArray() ? " (element " + invalidations.size()
                        + " of the array is not one)" : ""));
            }
        }
        return invalidations;
    }
}
