package com.bazar.common.client;

import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** 503 with the reason, so a client can tell a backend outage from its own mistake. */
public final class UpstreamUnavailableExceptionMapper implements ExceptionMapper<UpstreamUnavailableException> {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamUnavailableExceptionMapper.class);

    @Override
    public Response toResponse(UpstreamUnavailableException e) {
        LOG.warn("{}", e.getMessage());
        return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorMessage(503, e.getMessage())).build();
    }
}
