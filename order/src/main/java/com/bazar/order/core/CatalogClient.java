package com.bazar.order.core;

import com.bazar.common.api.Book;
import com.bazar.common.api.PurchaseRequest;
import com.bazar.common.client.RetryPolicy;
import com.bazar.common.client.RoundRobinClient;
import com.bazar.common.client.UpstreamResponse;
import com.bazar.common.web.IdempotencyKeys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.ws.rs.core.HttpHeaders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Buys copies from whichever catalog replica answers, and turns its answer into a book or a domain error. */
public final class CatalogClient {
    private static final int MAX_QUOTED_BODY = 300;

    private final RoundRobinClient catalog;
    private final ObjectMapper json;
    private final ObjectReader bookReader;
    private final String authorization;

    /** @param authorization the {@code Authorization} header value for the catalog's internal calls */
    public CatalogClient(RoundRobinClient catalog, ObjectMapper json, String authorization) {
        this.catalog = catalog;
        this.json = json;
        // A newer catalog may add fields to Book; that must not break purchases.
        this.bookReader = json.readerFor(Book.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.authorization = authorization;
    }

    /**
     * Takes {@code quantity} copies under {@code key}. The catalog applies a key at most once and answers a
     * repeat with the first outcome, so the request may be repeated on the other replica after a failure.
     *
     * @throws BookNotFoundException 404 from the catalog
     * @throws OutOfStockException 409 from the catalog
     * @throws IdempotencyKeyReusedException 422 from the catalog: the key already bought something else there
     * @throws CatalogRefusedException any other refusal, or an answer that is not a book
     * @throws com.bazar.common.client.UpstreamUnavailableException no catalog replica answered
     */
    public CatalogPurchase purchase(long bookId, int quantity, String key) {
        UpstreamResponse response = catalog.send("POST", "/books/" + bookId + "/purchase",
                body(new PurchaseRequest(quantity)),
                Map.of(IdempotencyKeys.HEADER, key, HttpHeaders.AUTHORIZATION, authorization),
                RetryPolicy.REPEATABLE);
        return switch (response.status()) {
            case 200 -> new CatalogPurchase(book(response, bookId), response.replica());
            case 404 -> throw new BookNotFoundException(message(response));
            case 409 -> throw new OutOfStockException(message(response));
            // The client reused its key; only the catalog could see it (an earlier attempt bought, then failed to record).
            case 422 -> throw new IdempotencyKeyReusedException(message(response));
            default -> throw new CatalogRefusedException(response.replica() + " refused the purchase of book " + bookId
                    + " with HTTP " + response.status() + ": " + message(response));
        };
    }

    private byte[] body(PurchaseRequest request) {
        try {
            return json.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a purchase request as JSON", e);
        }
    }

    private Book book(UpstreamResponse response, long bookId) {
        Book book;
        try {
            book = bookReader.readValue(response.body());
        } catch (IOException | IllegalArgumentException e) {
            throw new CatalogRefusedException(response.replica() + " answered a purchase with something that is not a book: "
                    + excerpt(response.body()));
        }
        if (book == null || book.id() != bookId) {
            throw new CatalogRefusedException(response.replica() + " answered a purchase of book " + bookId
                    + " with another book: " + excerpt(response.body()));
        }
        return book;
    }

    /** The catalog's own words from its {"code":…,"message":…} error, or the body itself when it is not one. */
    private String message(UpstreamResponse response) {
        try {
            JsonNode message = json.readTree(response.body()).path("message");
            if (message.isTextual()) {
                return message.asText();
            }
        } catch (IOException e) {
            // Not JSON: quoting the body below is the most useful thing left to say.
        }
        return excerpt(response.body());
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= MAX_QUOTED_BODY ? text : text.substring(0, MAX_QUOTED_BODY) + "…";
    }
}
