package com.bazar.common.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.stream.Collectors;

/**
 * A request body that is JSON but not the expected shape: 400 with a message naming the field, instead of
 * Dropwizard's generic "Unable to process JSON". Being more specific than JsonProcessingException, it is
 * the mapper Jersey picks for these.
 */
public final class JsonMappingExceptionMapper implements ExceptionMapper<JsonMappingException> {
    private static final Logger LOG = LoggerFactory.getLogger(JsonMappingExceptionMapper.class);

    @Override
    public Response toResponse(JsonMappingException e) {
        if (e instanceof InvalidDefinitionException) {
            // Our own types failed to (de)serialise: a bug, not the client's fault.
            LOG.error("JSON definition error", e);
            return json(500, "the server could not handle this JSON");
        }
        return json(400, describe(e));
    }

    static String describe(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'; known fields: "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", "));
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException rule) {
            return rule.getMessage();
        }
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        String why = e.getOriginalMessage();
        int cut = why.indexOf('\n');
        why = cut > 0 ? why.substring(0, cut) : why;
        return field.isEmpty() ? "invalid JSON body: " + why : "invalid value for '" + field + "': " + why;
    }

    static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorMessage(status, message)).build();
    }
}
