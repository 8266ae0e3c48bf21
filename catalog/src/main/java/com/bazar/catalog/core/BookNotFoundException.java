package com.bazar.catalog.core;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

public class BookNotFoundException extends WebApplicationException {
    public BookNotFoundException(long id) {
        super("no book with id " + id, Response.Status.NOT_FOUND);
    }
}
