package com.bazar.common.web;

import com.bazar.common.api.ReplicaStatus;
import com.bazar.common.client.UpstreamUnavailableExceptionMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/** The wiring every Bazar service shares, called from each application's initialize() and run(). */
public final class ServiceSetup {
    private ServiceSetup() {
    }

    /** YAML may use ${VAR} and ${VAR:-default}; an unset variable without a default is an error. */
    public static void bootstrap(Bootstrap<?> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(true)));
    }

    public static void run(BazarConfiguration config, Environment environment, String service) {
        environment.getObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        environment.jersey().register(new JsonMappingExceptionMapper());
        environment.jersey().register(new JsonParseExceptionMapper());
        environment.jersey().register(new UpstreamUnavailableExceptionMapper());
        environment.jersey().register(new RequestSizeLimitFilter(config.getMaxRequestBytes()));
        environment.jersey().register(new BearerTokenFeature(config.getTokens()));
        environment.jersey().register(new ReplicaHeaderFilter(config.getReplicaName()));
        environment.jersey().register(new ReplicaResource(new ReplicaStatus(service, config.getReplicaName())));
    }
}
