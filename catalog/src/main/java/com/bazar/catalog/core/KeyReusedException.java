package com.bazar.catalog.core;

import jakarta.ws.rs.WebApplicationException;

/** 422: an Idempotency-Key already used for a different purchase; nothing was changed. */
public class KeyReusedException extends WebApplicationException {
    public KeyReusedException(String key) {
        super("Idempotency-Key '" + key + "' was already used for a different purchase", 422);
    }
}
