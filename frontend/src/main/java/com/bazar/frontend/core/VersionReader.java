package com.bazar.frontend.core;

import com.bazar.common.client.UpstreamResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the book ids and versions out of a catalog's 200 answer, once per miss: the only JSON work the cache
 * does. A tree rather than the Book record, so a field the catalog adds later does not break the front end.
 */
final class VersionReader {
    private final ObjectReader json;

    VersionReader(ObjectMapper mapper) {
        // Whatever follows the book or list is as wrong as a broken one.
        this.json = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The answer of {@code GET /books/{id}} as a cache value: one book, the one asked for. */
    CachedResponse book(long bookId, UpstreamResponse response) {
        JsonNode book = parse(response);
        long id = number(book, "id", response);
        if (id != bookId) {
            throw bad(response, "book " + id + " instead of book " + bookId);
        }
        return new CachedResponse(response.body(), Map.of(id, number(book, "version", response)));
    }

    /**
     * The answer of {@code GET /books?topic=} as a cache value, or empty when it must not be cached: only an
     * answer whose books all carry exactly this topic is, because an invalidation evicts by the topic it names,
     * and could not find an entry kept under another spelling.
     */
    Optional<CachedResponse> topic(String topic, UpstreamResponse response) {
        JsonNode books = parse(response);
        if (!books.isArray()) {
            throw bad(response, "not a list of books");
        }
        Map<Long, Long> versions = new HashMap<>();
        boolean sameTopic = true;
        for (JsonNode book : books) {
            // A book listed twice keeps its older version, so the fence judges the answer by its stalest part.
            versions.merge(number(book, "id", response), number(book, "version", response), Math::min);
            sameTopic &= topic.equals(book.path("topic").asText(null));
        }
        return sameTopic ? Optional.of(new CachedResponse(response.body(), versions)) : Optional.empty();
    }

    private JsonNode parse(UpstreamResponse response) {
        try {
            return json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw bad(response, "not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            // Reading a byte array does no I/O; Jackson only declares it.
            throw new UncheckedIOException(e);
        }
    }

    private static long number(JsonNode book, String field, UpstreamResponse response) {
        JsonNode value = book.get(field);
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw bad(response, "a book without a whole-number '" + field + "'");
        }
        return value.asLong();
    }

    private static BadUpstreamAnswerException bad(UpstreamResponse response, String what) {
        return new BadUpstreamAnswerException("catalog replica " + response.replica() + " answered 200 with " + what);
    }
}
