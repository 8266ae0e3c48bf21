package com.bazar.common.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.client.HttpClientBuilder;
import io.dropwizard.client.HttpClientConfiguration;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.util.ArrayList;
import java.util.List;

/**
 * One upstream in YAML: its replicas, how long a failed replica is skipped, and the HTTP client's pool and
 * timeouts (connect, read, pool wait), which also decide how fast failover happens.
 */
public class UpstreamsFactory {
    @Valid
    @NotEmpty
    private List<ReplicaAddress> replicas = new ArrayList<>();

    @NotNull
    private Duration backoff = Duration.seconds(2);

    @Valid
    @NotNull
    private HttpClientConfiguration http = new HttpClientConfiguration();

    @JsonProperty
    public List<ReplicaAddress> getReplicas() {
        return replicas;
    }

    @JsonProperty
    public void setReplicas(List<ReplicaAddress> replicas) {
        this.replicas = replicas;
    }

    @JsonProperty
    public Duration getBackoff() {
        return backoff;
    }

    @JsonProperty
    public void setBackoff(Duration backoff) {
        this.backoff = backoff;
    }

    @JsonProperty
    public HttpClientConfiguration getHttp() {
        return http;
    }

    @JsonProperty
    public void setHttp(HttpClientConfiguration http) {
        this.http = http;
    }

    /** Builds the client (closed with the application) and, when asked, a health check for the upstream. */
    public RoundRobinClient build(Environment environment, String service, boolean healthChecks) {
        RoundRobinClient client = new RoundRobinClient(service, replicas,
                // No gzip between services: on a local network compressing a search answer costs more than sending it.
                new HttpClientBuilder(environment).using(http).disableContentCompression(true).build(service + "-client"),
                backoff.toJavaDuration(), System::nanoTime);
        if (healthChecks) {
            environment.healthChecks().register("upstream-" + service, new UpstreamHealthCheck(client));
        }
        return client;
    }
}
