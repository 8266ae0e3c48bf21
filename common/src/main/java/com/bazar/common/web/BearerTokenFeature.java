package com.bazar.common.web;

import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Puts a bearer-token check in front of every resource method annotated with {@link RequiresToken}. */
public final class BearerTokenFeature implements DynamicFeature {
    private static final String PREFIX = "Bearer ";

    private final TokensFactory tokens;

    public BearerTokenFeature(TokensFactory tokens) {
        this.tokens = tokens;
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        RequiresToken required = resourceInfo.getResourceMethod().getAnnotation(RequiresToken.class);
        if (required == null) {
            required = resourceInfo.getResourceClass().getAnnotation(RequiresToken.class);
        }
        if (required != null) {
            context.register(filterFor(required.value()), Priorities.AUTHENTICATION);
        }
    }

    private ContainerRequestFilter filterFor(RequiresToken.Kind kind) {
        byte[] expected = tokens.token(kind).getBytes(StandardCharsets.UTF_8);
        String realm = kind.name().toLowerCase(java.util.Locale.ROOT);
        return request -> {
            if (!matches(request.getHeaderString(HttpHeaders.AUTHORIZATION), expected)) {
                // The body is not read, so the server closes the connection after answering; saying so
                // stops a client from sending its next request on a connection that is going away.
                request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realm + "\"")
                        .header("Connection", "close")
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(new ErrorMessage(401, "missing or wrong " + realm + " bearer token"))
                        .build());
            }
        };
    }

    /** Constant-time comparison, so the time taken does not tell how much of a guess was right. */
    static boolean matches(String header, byte[] expected) {
        if (header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        byte[] given = header.substring(PREFIX.length()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }
}
