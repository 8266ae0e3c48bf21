package com.bazar.order.core;

import jakarta.ws.rs.WebApplicationException;

/**
 * 502: the catalog refused a purchase in a way the client cannot cause (a wrong token, a request it could not
 * read) or answered something unreadable. That is a fault between the services, so it is not the client's 4xx.
 */
public class CatalogRefusedException extends WebApplicationException {
    public CatalogRefusedException(String message) {
        super(message, 502);
    }
}
