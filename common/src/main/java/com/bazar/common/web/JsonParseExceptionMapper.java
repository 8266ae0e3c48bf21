package com.bazar.common.web;

import com.fasterxml.jackson.core.exc.StreamReadException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A request body that is not JSON at all: 400 "malformed JSON" with where it broke. */
public final class JsonParseExceptionMapper implements ExceptionMapper<StreamReadException> {
    @Override
    public Response toResponse(StreamReadException e) {
        String why = e.getOriginalMessage();
        int cut = why.indexOf('\n');
        return JsonMappingExceptionMapper.json(400, "malformed JSON: " + (cut > 0 ? why.substring(0, cut) : why));
    }
}
