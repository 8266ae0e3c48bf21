package com.bazar.common.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The rules for the few hot reads that servlet filters answer before Jersey (the front end's info and search,
 * the catalog's info and search): Jersey's matching, filters and response building cost more than the rest of such a
 * request. A filter answers only a request it reads exactly as Jersey would — a GET with a plain path segment and
 * an {@code Accept} header that plainly takes JSON — and leaves anything else to Jersey, which answers it as
 * before. What it answers is what the resource would have: the same status, JSON bytes and headers.
 */
public final class BeforeJersey {
    private BeforeJersey() {
    }

    /** The raw path (as sent, not decoded) of a GET that takes JSON; empty for any other request. */
    public static Optional<String> jsonGetPath(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) || !acceptsJson(request.getHeader("Accept"))) {
            return Optional.empty();
        }
        return Optional.of(request.getRequestURI().substring(request.getContextPath().length()));
    }

    /** Writes a JSON answer: status, body, and the replica that produced it ({@link ReplicaHeaderFilter#HEADER}). */
    public static void writeJson(HttpServletResponse response, int status, byte[] body, String replica)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader(ReplicaHeaderFilter.HEADER, replica);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * A plain positive id, as {@code Ids.parse} takes it; anything else is left to Jersey (and its 400). Stops at
     * 18 digits, where every number fits a long, and leaves longer ones to {@code Ids.parse}'s rule.
     */
    public static Optional<Long> bookId(String segment) {
        if (segment.isEmpty() || segment.length() > 18) {
            return Optional.empty();
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        long id = Long.parseLong(segment);
        return id < 1 ? Optional.empty() : Optional.of(id);
    }

    /**
     * The path segment percent-decoded as UTF-8, as {@code @PathParam} gives it ({@code +} stays a plus), when it
     * is one plain segment: only unreserved and sub-delimiter characters (not {@code ;}, which starts matrix
     * parameters) and well-formed escapes of valid UTF-8.
     */
    public static Optional<String> decodedSegment(String raw) {
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (isPlain(c)) {
                bytes.write(c);
            } else {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * The value of a query string that is exactly one parameter {@code name} ({@code topic=…}), decoded as
     * {@code @QueryParam} gives it: percent-escapes as UTF-8, and {@code +} as a space (what {@code URLEncoder},
     * the front end's encoder, makes of one). Any other query — more parameters, another name, characters that
     * are not plain — is left to Jersey.
     */
    public static Optional<String> onlyQueryParameter(String query, String name) {
        String prefix = name + "=";
        if (query == null || !query.startsWith(prefix) || query.indexOf('&') >= 0) {
            return Optional.empty();
        }
        return decodedSegment(query.substring(prefix.length()).replace("+", "%20"));
    }

    private static boolean isPlain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,=:@".indexOf(c) >= 0;
    }

    /** No Accept header, or a plain list (no parameters, so no q=0) naming JSON or a range that covers it. */
    static boolean acceptsJson(String accept) {
        if (accept == null) {
            return true;
        }
        if (accept.indexOf(';') >= 0) {
            return false;
        }
        for (String range : accept.split(",")) {
            String type = range.trim();
            if (type.equals("application/json") || type.equals("*/*") || type.equals("application/*")) {
                return true;
            }
        }
        return false;
    }
}
