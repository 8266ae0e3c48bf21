package com.bazar.order.core;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** 409: the catalog has fewer copies than asked for; nothing was bought. The message is the catalog's. */
public class OutOfStockException extends WebApplicationException {
    public OutOfStockException(String message) {
        super(message, Response.Status.CONFLICT);
    }
}
