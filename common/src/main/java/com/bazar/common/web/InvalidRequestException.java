package com.bazar.common.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** A request that can never succeed as sent: 400, with the reason as the message. Nothing was changed. */
public class InvalidRequestException extends WebApplicationException {
    public InvalidRequestException(String message) {
        super(message, Response.Status.BAD_REQUEST);
    }
}
