package com.bazar.order.core;

import jakarta.ws.rs.WebApplicationException;

/** 422: the Idempotency-Key already placed a different order (another book or quantity); nothing was bought. */
public class IdempotencyKeyReusedException extends WebApplicationException {
    public static final String MESSAGE = "Idempotency-Key reused for a different order";

    public IdempotencyKeyReusedException(String detail) {
        super(MESSAGE + ": " + detail, 422);
    }
}
