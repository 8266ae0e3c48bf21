package com.bazar.order;

import com.bazar.common.fault.FaultInjectionFactory;
import com.bazar.common.fault.Halt;
import com.bazar.order.core.PurchaseStep;
import com.bazar.order.core.PurchaseStepListener;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.Arrays;
import java.util.List;

/**
 * An order replica's {@code faultInjection:}: the switch every service has, plus a halt in the middle of a
 * purchase. For crash tests and demos only; all off by default.
 */
public class OrderFaultInjectionFactory extends FaultInjectionFactory {
    public static final String NONE = "none";

    /** none, before-catalog or after-catalog: see {@link PurchaseStep}. */
    @NotNull
    @Pattern(regexp = "none|before-catalog|after-catalog",
            message = "must be none, before-catalog or after-catalog")
    private String haltInPurchase = NONE;

    @JsonProperty
    public String getHaltInPurchase() {
        return haltInPurchase;
    }

    @JsonProperty
    public void setHaltInPurchase(String haltInPurchase) {
        this.haltInPurchase = haltInPurchase;
    }

    /** Halts at the configured step of the first purchase that reaches it; {@link PurchaseStepListener#NONE} when off. */
    public PurchaseStepListener purchaseSteps(Halt halt) {
        if (NONE.equals(haltInPurchase)) {
            return PurchaseStepListener.NONE;
        }
        PurchaseStep haltAt = Arrays.stream(PurchaseStep.values()).filter(s -> s.configName().equals(haltInPurchase))
                .findFirst().orElseThrow(() -> new IllegalStateException("haltInPurchase " + haltInPurchase));
        return (step, key) -> {
            if (step == haltAt) {
                halt.now("purchase under key '" + key + "' is at step " + step.configName() + ": "
                        + (step == PurchaseStep.BEFORE_CATALOG ? "recorded PENDING, the catalog not asked"
                        : "the catalog took the stock, the order still PENDING"));
            }
        };
    }

    @Override
    public List<String> switchesOn() {
        List<String> on = super.switchesOn();
        if (!NONE.equals(haltInPurchase)) {
            on.add("haltInPurchase=" + haltInPurchase);
        }
        return on;
    }
}
