package com.bazar.order;

import com.bazar.order.core.PurchaseStep;
import com.bazar.order.core.PurchaseStepListener;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderFaultInjectionFactoryTest {
    private final List<String> halts = new ArrayList<>();

    @Test
    void theShippedConfigurationHasEverySwitchOffAndTheDefaultGracePeriod() throws Exception {
        // Read as the application reads it: ${VAR:-default} substituted from the environment (none set here).
        OrderConfiguration config = new YamlConfigurationFactory<>(OrderConfiguration.class,
                Validators.newValidator(), Jackson.newObjectMapper(), "dw")
                .build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                        new EnvironmentVariableSubstitutor(true)), "../configs/order-1.yml");

        assertThat(config.getFaultInjection().switchesOn()).isEmpty();
        assertThat(config.getFaultInjection().purchaseSteps(this::halt)).isSameAs(PurchaseStepListener.NONE);
        assertThat(config.getPendingOrders().getGrace().toSeconds()).isEqualTo(30);
        assertThat(config.getPendingOrders().getCheckEvery().toSeconds()).isEqualTo(10);
    }

    @Test
    void aHaltInPurchaseFiresAtItsStepOnly() {
        OrderFaultInjectionFactory factory = new OrderFaultInjectionFactory();
        factory.setHaltInPurchase("after-catalog");
        PurchaseStepListener steps = factory.purchaseSteps(this::halt);

        steps.reached(PurchaseStep.BEFORE_CATALOG, "k");
        assertThat(halts).isEmpty();
        assertThatThrownBy(() -> steps.reached(PurchaseStep.AFTER_CATALOG, "k")).isInstanceOf(IllegalStateException.class);
        assertThat(halts).singleElement().asString().contains("key 'k' is at step after-catalog");
        assertThat(factory.switchesOn()).containsExactly("haltInPurchase=after-catalog");
    }

    private void halt(String why) {
        halts.add(why);
        throw new IllegalStateException("halted: " + why);
    }
}
