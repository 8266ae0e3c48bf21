package com.bazar.order.core;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** 404: this replica's database has no order with that id. */
public class OrderNotFoundException extends WebApplicationException {
    public OrderNotFoundException(String message) {
        super(message, Response.Status.NOT_FOUND);
    }
}
