package com.bazar.frontend.core;

import jakarta.ws.rs.WebApplicationException;

/** A catalog replica said 200 but sent something that is not what the API promises: 502, with what was wrong. */
public class BadUpstreamAnswerException extends WebApplicationException {
    private static final long serialVersionUID = 1L;

    public BadUpstreamAnswerException(String message) {
        super(message, 502);
    }
}
