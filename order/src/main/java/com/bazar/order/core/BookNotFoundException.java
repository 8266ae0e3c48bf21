package com.bazar.order.core;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** 404: the catalog has no such book; the message is the catalog's. */
public class BookNotFoundException extends WebApplicationException {
    public BookNotFoundException(String message) {
        super(message, Response.Status.NOT_FOUND);
    }
}
