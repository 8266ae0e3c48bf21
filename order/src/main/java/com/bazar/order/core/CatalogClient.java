package com.bazar.order.core;

import com.bazar.common.api.Book;
import com.bazar.common.api.PurchaseCancellation;
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

/**
 * Buys copies from whichever catalog replica answers, and turns its answer into a book or a domain error; and
 * settles purchase keys whose outcome this order replica does not know.
 */
public final class CatalogClient {
    private static final int MAX_QUOTED_BODY = 300;

    private final RoundRobinClient catalog;
    private final ObjectMapper json;
    private final ObjectReader bookReader;
    private final ObjectReader cancellationReader;
    private final String authorization;

    /** @param authorization the {@code Authorization} header value for the catalog's internal calls */
    public CatalogClient(RoundRobinClient catalog, ObjectMapper json, String authorization) {
        this.catalog = catalog;
        this.json = json;
        // A newer catalog may add fields to Book; that must not break purchases.
        this.bookReader = json.readerFor(Book.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.cancellationReader = json.readerFor(PurchaseCancellation.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.authorization = authorization;
    }

    /**
     * The book as a catalog replica's own database has it now (no locks, so possibly already out of date).
     *
     * @throws BookNotFoundException 404 from the catalog
     * @throws CatalogRefusedException any other refusal, or an answer that is not this book
     * @throws com.bazar.common.client.UpstreamUnavailableException no catalog replica answered
     */
    public Book book(long bookId) {
        UpstreamResponse response = catalog.get("/books/" + bookId);
        return switch (response.status()) {
            case 200 -> book(response, bookId);
            case 404 -> throw new BookNotFoundException(message(response));
            default -> throw new CatalogRefusedException(response.replica() + " refused to show book " + bookId
                    + " with HTTP " + response.status() + ": " + message(response));
        };
    }

    /**
     * Takes {@code quantity} copies under {@code key}. The catalog applies a key at most once and answers a
     * repeat with the first outcome, so the request may be repeated on the other replica after a failure.
     *
     * @throws BookNotFoundException 404 from the catalog
     * @throws OutOfStockException 409 from the catalog
     * @throws IdempotencyKeyReusedException 422 from the catalog: the key already bought something else there
     * @throws OrderCancelledException 410 from the catalog: the key was cancelled there, so it never buys
     * @throws CatalogRefusedException any other refusal, or an answer that is not a book
     * @throws com.bazar.common.client.UpstreamUnavailableException no catalog replica answered
     */
    public CatalogPurchase purchase(long bookId, int quantity, String key) {
        // Writes go to the first catalog replica that is up, not in turn (see RoundRobinClient.sendInListOrder).
        UpstreamResponse response = catalog.sendInListOrder("POST", "/books/" + bookId + "/purchase",
                body(new PurchaseRequest(quantity)),
                Map.of(IdempotencyKeys.HEADER, key, HttpHeaders.AUTHORIZATION, authorization),
                RetryPolicy.REPEATABLE);
        return switch (response.status()) {
            case 200 -> new CatalogPurchase(book(response, bookId), response.replica());
            case 404 -> throw new BookNotFoundException(message(response));
            case 409 -> throw new OutOfStockException(message(response));
            // The client reused its key; only the catalog could see it (an earlier attempt bought, then failed to record).
            case 422 -> throw new IdempotencyKeyReusedException(message(response));
            case 410 -> throw new OrderCancelledException(message(response));
            default -> throw new CatalogRefusedException(response.replica() + " refused the purchase of book " + bookId
                    + " with HTTP " + response.status() + ": " + message(response));
        };
    }

    /**
     * Settles {@code key} at the catalog for good: the purchase it applied under the key, or its promise that
     * none ever will be (a later purchase with the key is refused). Repeating it answers the same, so it is
     * sent to the other replica after a failure.
     *
     * @throws CatalogRefusedException a refusal, or an answer that is not a cancellation of this key
     * @throws com.bazar.common.client.UpstreamUnavailableException no catalog replica answered
     */
    public PurchaseCancellation cancel(String key) {
        UpstreamResponse response = catalog.sendInListOrder("POST", "/purchases/cancel", null,
                Map.of(IdempotencyKeys.HEADER, key, HttpHeaders.AUTHORIZATION, authorization), RetryPolicy.REPEATABLE);
        if (response.status() != 200) {
            throw new CatalogRefusedException(response.replica() + " refused to cancel purchase key '" + key
                    + "' with HTTP " + response.status() + ": " + message(response));
        }
        PurchaseCancellation cancellation;
        try {
            cancellation = cancellationReader.readValue(response.body());
        } catch (IOException | IllegalArgumentException e) {
            throw new CatalogRefusedException(response.replica() + " answered a cancellation with something else: "
                    + excerpt(response.body()));
        }
        if (cancellation == null || !key.equals(cancellation.key())) {
            throw new CatalogRefusedException(response.replica() + " answered the cancellation of key '" + key
                    + "' about another key: " + excerpt(response.body()));
        }
        return cancellation;
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
            throw new CatalogRefusedException(response.replica() + " answered with something that is not a book: "
                    + excerpt(response.body()));
        }
        if (book == null || book.id() != bookId) {
            throw new CatalogRefusedException(response.replica() + " answered about book " + bookId
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
