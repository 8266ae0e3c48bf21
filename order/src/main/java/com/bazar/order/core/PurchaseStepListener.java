package com.bazar.order.core;

/** Told when a purchase reaches each {@link PurchaseStep}; the application passes {@link #NONE} unless a fault switch is on. */
@FunctionalInterface
public interface PurchaseStepListener {
    PurchaseStepListener NONE = (step, key) -> {
    };

    void reached(PurchaseStep step, String key);
}
