package com.bazar.order.core;

/** The points of a purchase where a fault-injection switch can halt the order replica. */
public enum PurchaseStep {
    /** The order is recorded PENDING on every order database; the catalog has not been asked. */
    BEFORE_CATALOG("before-catalog"),
    /** The catalog has answered that it took the stock; the order is still PENDING. */
    AFTER_CATALOG("after-catalog");

    private final String configName;

    PurchaseStep(String configName) {
        this.configName = configName;
    }

    /** The name in YAML ({@code faultInjection.haltInPurchase}). */
    public String configName() {
        return configName;
    }
}
