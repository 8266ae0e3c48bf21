package com.bazar.frontend.resources;

import com.bazar.common.web.ReplicaHeaderFilter;
import com.bazar.frontend.core.CachedResponse;
import com.bazar.frontend.core.Headers;
import com.bazar.frontend.core.ResponseCache;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
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
 * Answers cache hits of {@code GET /info/{id}} and {@code GET /search/{topic}} before Jersey: a hit is only bytes
 * to copy, and Jersey's matching, filters and response building cost more than the rest of the request put
 * together. Everything else goes on to Jersey and the resources, unchanged — misses (which also fill the
 * cache), bad ids, other methods, and any request this filter does not read exactly as Jersey would: a path
 * with matrix parameters, a trailing slash or characters outside plain percent-encoding, or an {@code Accept}
 * header other than a plain list that takes JSON. So a hit answered here is byte for byte, header for header,
 * the hit Jersey would have answered: the key is the id or the percent-decoded topic, as {@code @PathParam}
 * gives it ({@code +} stays a plus). A miss found here is marked on the request, so the resource fetches without
 * looking (and counting a miss) again.
 */
public final class CacheHitFilter implements Filter {
    /** Set on a request whose cache lookup here missed, so that the resource does not look (and count) again. */
    private static final String MISSED = CacheHitFilter.class.getName() + ".missed";
    private static final String INFO = "/info/";
    private static final String SEARCH = "/search/";

    private final ResponseCache cache;
    private final String replicaName;

    public CacheHitFilter(ResponseCache cache, String replicaName) {
        this.cache = cache;
        this.replicaName = replicaName;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<CachedResponse> hit = request instanceof HttpServletRequest http ? hit(http) : Optional.empty();
        if (hit.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = hit.get().body();
        HttpServletResponse answer = (HttpServletResponse) response;
        answer.setStatus(HttpServletResponse.SC_OK);
        answer.setContentType("application/json");
        answer.setHeader(Headers.CACHE, "hit");
        answer.setHeader(ReplicaHeaderFilter.HEADER, replicaName);
        answer.setContentLength(body.length);
        answer.getOutputStream().write(body);
    }

    private Optional<CachedResponse> hit(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) || !acceptsJson(request.getHeader("Accept"))) {
            return Optional.empty();
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(INFO)) {
            return bookId(path.substring(INFO.length())).flatMap(id -> noteMiss(request, cache.info(id)));
        }
        if (path.startsWith(SEARCH)) {
            return decodedSegment(path.substring(SEARCH.length())).flatMap(topic -> noteMiss(request, cache.search(topic)));
        }
        return Optional.empty();
    }

    private static Optional<CachedResponse> noteMiss(HttpServletRequest request, Optional<CachedResponse> lookup) {
        if (lookup.isEmpty()) {
            request.setAttribute(MISSED, Boolean.TRUE);
        }
        return lookup;
    }

    /** Whether this filter already looked {@code request} up in the cache and found nothing (counted as a miss). */
    public static boolean alreadyMissed(HttpServletRequest request) {
        return request.getAttribute(MISSED) != null;
    }

    /** A plain positive id, as {@code Ids.parse} takes it; anything else is left to Jersey (and its 400). */
    static Optional<Long> bookId(String segment) {
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
     * The path segment percent-decoded as UTF-8, when it is one plain segment: only unreserved and sub-delimiter
     * characters (not {@code ;}, which starts matrix parameters) and well-formed escapes of valid UTF-8.
     */
    static Optional<String> decodedSegment(String raw) {
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
