package com.bazar.catalog.core;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** 409: the book exists but has fewer copies than asked for; nothing was changed. */
public class OutOfStockException extends WebApplicationException {
    public OutOfStockException(String message) {
        super(message, Response.Status.CONFLICT);
    }
}
