package com.bazar.frontend;

import com.bazar.common.client.ReplicaAddress;
import com.bazar.frontend.core.CacheSettings;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.util.Duration;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What configs/frontend.yml gives when no BAZAR_* variable is set, and what the variables change. */
class FrontendConfigurationTest {
    private final YamlConfigurationFactory<FrontendConfiguration> factory = new YamlConfigurationFactory<>(
            FrontendConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    @Test
    void theShippedYamlGivesTheDefaultTopology() throws Exception {
        FrontendConfiguration config = load(Map.of());

        assertThat(config.getReplicaName()).isEqualTo("frontend");
        assertThat(config.getCatalog().getReplicas()).extracting(ReplicaAddress::getName, ReplicaAddress::getUrl)
                .containsExactly(tuple("catalog-1", "http://127.0.0.1:8000"),
                        tuple("catalog-2", "http://127.0.0.1:8003"));
        assertThat(config.getOrder().getReplicas()).extracting(ReplicaAddress::getName, ReplicaAddress::getUrl)
                .containsExactly(tuple("order-1", "http://127.0.0.1:8002"),
                        tuple("order-2", "http://127.0.0.1:8004"));
        DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
        assertThat(((HttpConnectorFactory) server.getApplicationConnectors().get(0)).getPort()).isEqualTo(8001);
        assertThat(((HttpConnectorFactory) server.getAdminConnectors().get(0)).getPort()).isEqualTo(9001);
    }

    @Test
    void theShippedYamlSetsEveryTimeoutExplicitly() throws Exception {
        FrontendConfiguration config = load(Map.of());

        assertThat(config.getCatalog().getHttp().getTimeout()).isEqualTo(Duration.seconds(2));
        assertThat(config.getCatalog().getHttp().getConnectionTimeout()).isEqualTo(Duration.milliseconds(500));
        assertThat(config.getCatalog().getHttp().getConnectionRequestTimeout()).isEqualTo(Duration.seconds(1));
        assertThat(config.getOrder().getHttp().getTimeout()).isEqualTo(Duration.seconds(10));
        assertThat(config.getOrder().getHttp().getConnectionTimeout()).isEqualTo(Duration.milliseconds(500));
        assertThat(config.getOrder().getHttp().getConnectionRequestTimeout()).isEqualTo(Duration.seconds(1));
        assertThat(config.getCatalog().getBackoff()).isEqualTo(Duration.seconds(1));
    }

    @Test
    void theShippedYamlGivesTheReportsCacheSizes() throws Exception {
        FrontendConfiguration config = load(Map.of());

        assertThat(config.getCache().isEnabled()).isTrue();
        assertSettings(config.getCache().getInfo(), Duration.seconds(300), 10, 0);
        assertSettings(config.getCache().getSearch(), Duration.seconds(20), 100, 0);
    }

    @Test
    void environmentVariablesTurnTheCacheOffOrAddAnOffHeapTier() throws Exception {
        FrontendConfiguration config = load(Map.of("BAZAR_CACHE_ENABLED", "false", "BAZAR_INFO_OFFHEAP_MB", "64",
                "BAZAR_CATALOG_2_HOST", "catalog2.example", "BAZAR_FRONTEND_PORT", "18001"));

        assertThat(config.getCache().isEnabled()).isFalse();
        assertSettings(config.getCache().getInfo(), Duration.seconds(300), 10, 64);
        assertThat(config.getCatalog().getReplicas().get(1).getUrl()).isEqualTo("http://catalog2.example:8003");
        DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
        assertThat(((HttpConnectorFactory) server.getApplicationConnectors().get(0)).getPort()).isEqualTo(18001);
    }

    @Test
    void aCacheBlockNamingOneSettingKeepsTheOtherDefaultsOfThatCache() throws Exception {
        String yaml = """
                replicaName: frontend
                tokens: {admin: a, internal: i}
                catalog: {replicas: [{name: catalog-1, url: "http://127.0.0.1:8000"}]}
                order: {replicas: [{name: order-1, url: "http://127.0.0.1:8002"}]}
                cache:
                  info: {offHeapMb: 16}
                """;
        ConfigurationSourceProvider source = path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8));

        FrontendConfiguration config = factory.build(source, "inline.yml");

        assertSettings(config.getCache().getInfo(), Duration.seconds(300), 10, 16);
        assertSettings(config.getCache().getSearch(), Duration.seconds(20), 100, 0);
    }

    private FrontendConfiguration load(Map<String, String> environment) throws Exception {
        // Only the given variables are set, whatever the environment running the build holds.
        return factory.build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                new StringSubstitutor(environment)), "../configs/frontend.yml");
    }

    private static void assertSettings(CacheSettings settings, Duration timeToLive, long heapEntries, long offHeapMb) {
        assertThat(settings.getTimeToLive()).isEqualTo(timeToLive);
        assertThat(settings.getHeapEntries()).isEqualTo(heapEntries);
        assertThat(settings.getOffHeapMb()).isEqualTo(offHeapMb);
    }
}
