package com.bazar.frontend.standins;

import com.bazar.common.api.Book;
import com.bazar.common.api.Order;
import com.bazar.common.api.OrderRequest;
import com.bazar.common.web.ReplicaHeaderFilter;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Stands in for order-1: records every order request it receives and answers as the order service would. */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class OrderStandIn {
    /** One request as received: its idempotency key and body. */
    public record Received(String idempotencyKey, OrderRequest request) {
    }

    private final String name;
    private final BookTable books;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicLong nextOrderId = new AtomicLong(1);

    public OrderStandIn(String name, BookTable books) {
        this.name = name;
        this.books = books;
    }

    @POST
    public Response place(@HeaderParam("Idempotency-Key") String key, OrderRequest request) {
        received.add(new Received(key, request));
        Optional<Book> book = books.get(request.bookId());
        if (book.isEmpty()) {
            return answer(404, new ErrorMessage(404, "no book " + request.bookId()));
        }
        Book b = book.get();
        if (b.stock() < request.quantity()) {
            return answer(409, new ErrorMessage(409, "only " + b.stock() + " copies of book " + b.id() + " left"));
        }
        return answer(200, new Order(nextOrderId.getAndIncrement(), b.id(), b.title(), request.quantity(), b.price(),
                b.price().multiply(BigDecimal.valueOf(request.quantity())), b.stock() - request.quantity(),
                Instant.parse("2024-01-01T00:00:00Z")));
    }

    public List<Received> received() {
        return received;
    }

    public void reset() {
        received.clear();
    }

    private Response answer(int status, Object entity) {
        return Response.status(status).entity(entity).header(ReplicaHeaderFilter.HEADER, name).build();
    }
}
