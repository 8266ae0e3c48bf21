package com.bazar.catalog.core;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** 410: a purchase with a key that was cancelled before any purchase applied it; nothing was changed. */
public class PurchaseCancelledException extends WebApplicationException {
    public PurchaseCancelledException(String key, String cancelledAt) {
        super("purchase key '" + key + "' was cancelled at " + cancelledAt
                + " (its order was released); nothing was bought", Response.Status.GONE);
    }
}
