package com.bazar.bench;

import com.bazar.bench.support.AnsweringHttpClient;
import com.bazar.common.client.ReplicaAddress;
import com.bazar.common.client.RoundRobinClient;
import com.bazar.common.client.UpstreamResponse;
import com.codahale.metrics.MetricRegistry;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.client.HttpClientBuilder;
import io.dropwizard.client.HttpClientConfiguration;
import io.dropwizard.util.Duration;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The round-robin client. Its replica choice is private and only runs inside a send, so it is measured two
 * ways: {@link #pickAndSendInMemory} sends through an in-memory HTTP client (the pick, building the request,
 * reading the answer — the client's own cost without any network), and {@link #sendToLocalStub} through the
 * pooled client Dropwizard builds from the front end's YAML settings to two local stub servers (JDK
 * HttpServer) that answer a book — a real loopback round trip, the floor under every upstream call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RoundRobinBenchmark {
    private static final byte[] BOOK = ("{\"id\":1,\"title\":\"How to get a good grade in DOS in 40 minutes a day\","
            + "\"topic\":\"distributed systems\",\"price\":\"40.00\",\"stock\":100,\"version\":1}")
            .getBytes(StandardCharsets.UTF_8);

    private RoundRobinClient inMemory;
    private RoundRobinClient overLoopback;
    private CloseableHttpClient pooled;
    private final List<HttpServer> stubs = new ArrayList<>();
    private ExecutorService stubThreads;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        inMemory = new RoundRobinClient("catalog", List.of(new ReplicaAddress("catalog-1", "http://catalog-1.invalid"),
                new ReplicaAddress("catalog-2", "http://catalog-2.invalid")),
                new AnsweringHttpClient(200, BOOK), java.time.Duration.ofSeconds(1), System::nanoTime);

        stubThreads = Executors.newFixedThreadPool(4);
        List<ReplicaAddress> addresses = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            stub.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, BOOK.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(BOOK);
                }
            });
            stub.setExecutor(stubThreads);
            stub.start();
            stubs.add(stub);
            addresses.add(new ReplicaAddress("catalog-" + i, "http://127.0.0.1:" + stub.getAddress().getPort()));
        }
        // The front end's catalog client settings (configs/frontend.yml).
        HttpClientConfiguration config = new HttpClientConfiguration();
        config.setTimeout(Duration.seconds(2));
        config.setConnectionTimeout(Duration.milliseconds(500));
        config.setConnectionRequestTimeout(Duration.seconds(1));
        config.setMaxConnections(128);
        config.setMaxConnectionsPerRoute(64);
        config.setRetries(0);
        pooled = new HttpClientBuilder(new MetricRegistry()).using(config).build("bench-catalog-client");
        overLoopback = new RoundRobinClient("catalog", addresses, pooled, java.time.Duration.ofSeconds(1), System::nanoTime);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        pooled.close();
        stubs.forEach(stub -> stub.stop(0));
        stubThreads.shutdownNow();
    }

    @Benchmark
    public UpstreamResponse pickAndSendInMemory() {
        return inMemory.get("/books/1");
    }

    @Benchmark
    public UpstreamResponse sendToLocalStub() {
        return overLoopback.get("/books/1");
    }
}
