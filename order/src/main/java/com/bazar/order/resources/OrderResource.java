package com.bazar.order.resources;

import com.bazar.common.api.Ids;
import com.bazar.common.api.Order;
import com.bazar.common.api.OrderRequest;
import com.bazar.common.web.IdempotencyKeys;
import com.bazar.common.web.InvalidRequestException;
import com.bazar.order.core.OrderHistory;
import com.bazar.order.core.OrderPlacement;
import com.codahale.metrics.annotation.ExceptionMetered;
import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The order replica's HTTP face: placing orders (recorded on every database) and reading this replica's own. */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public final class OrderResource {
    private final OrderPlacement placement;
    private final OrderHistory history;

    public OrderResource(OrderPlacement placement, OrderHistory history) {
        this.placement = placement;
        this.history = history;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Timed
    @ExceptionMetered
    public Order place(@HeaderParam(IdempotencyKeys.HEADER) String key, OrderRequest request) {
        String checkedKey = IdempotencyKeys.orGenerate(key);
        if (request == null) {
            throw new InvalidRequestException("a JSON body {\"bookId\":…,\"quantity\":…} is required");
        }
        return placement.place(checkedKey, request);
    }

    // Query and path values arrive as text so that a bad one is our 400, not Jersey's 404.
    @GET
    @Timed
    @ExceptionMetered
    public List<Order> newest(@QueryParam("limit") String limit) {
        return history.newest(OrderHistory.parseLimit(limit));
    }

    @GET
    @Path("/{id}")
    @Timed
    @ExceptionMetered
    public Order byId(@PathParam("id") String id) {
        return history.byId(Ids.parse("order id", id));
    }
}
