package com.bazar.order.core;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * 409: the order under this Idempotency-Key was cancelled — refused, or left pending and settled by the
 * catalog as never applied. Nothing was bought under the key, and nothing ever will be: a new key places a
 * new order.
 */
public class OrderCancelledException extends WebApplicationException {
    public static final String MESSAGE = "order cancelled: nothing was bought under this Idempotency-Key";

    public OrderCancelledException(String detail) {
        super(MESSAGE + "; place the order again with a new key (" + detail + ")", Response.Status.CONFLICT);
    }
}
