package com.bazar.common.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.math.BigDecimal;
import java.time.Instant;

/** A placed order, as the order replicas record it and the front end returns it. */
@JsonPropertyOrder({"orderId", "bookId", "title", "quantity", "unitPrice", "total", "remainingStock", "createdAt"})
public record Order(long orderId,
                    long bookId,
                    String title,
                    int quantity,
                    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice,
                    @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
                    int remainingStock,
                    @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt) {
}
