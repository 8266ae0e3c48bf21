package com.bazar.loadtests;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.core.CoreDsl.uniformRandomSwitch;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The store under load through its public API, as {@code bazar.users} customers who each keep sending requests,
 * back to back on their own connection, for {@code bazar.duration} seconds. What they send is the
 * {@code bazar.mix}: browsing (95% reads, 5% purchases), shopping (80/20) or ordering (50/50); a read is a search
 * of one of the two topics or the info of one of the seven books, half each. See {@link LoadSettings} and
 * load-tests/README.md.
 *
 * <p>Reads must answer 200 (a search with books in it); a purchase 200, or 409 when the book is out of stock,
 * which is an expected answer, not a failure. The run fails if any request fails. Before it starts, every book is
 * restocked to {@value StorePreparation#RESTOCK_TO}.
 */
public class BazarSimulation extends Simulation {
    /** The two topics of the seed catalog, URL-encoded for the path (a space is %20 in a path, never +). */
    static final List<String> TOPICS = List.of("distributed systems", "undergraduate school").stream()
            .map(topic -> URLEncoder.encode(topic, StandardCharsets.UTF_8).replace("+", "%20"))
            .toList();

    private final LoadSettings settings = LoadSettings.fromSystem();

    public BazarSimulation() {
        HttpProtocolBuilder protocol = http.baseUrl(settings.baseUrl())
                .acceptHeader("application/json")
                .disableWarmUp();   // the default warm-up calls an external site

        setUp(customers(settings.mix()).injectOpen(atOnceUsers(settings.users())))
                .protocols(protocol)
                .assertions(global().failedRequests().count().is(0L));
    }

    /** One user: the mix's requests, back to back, for the run's duration. */
    ScenarioBuilder customers(Mix mix) {
        ChainBuilder oneRequest = randomSwitch().on(
                percent(mix.readPercent()).then(uniformRandomSwitch().on(search(), info())),
                percent(mix.purchasePercent()).then(purchase()));
        return scenario(mix.label())
                .during(settings.duration()).on(oneRequest);
    }

    static ChainBuilder search() {
        return exec(session -> session.set("topic", TOPICS.get(ThreadLocalRandom.current().nextInt(TOPICS.size()))))
                .exec(http("search").get("/search/#{topic}")
                        .check(status().is(200))
                        // An unknown topic also answers 200 [], so make sure the topic arrived intact.
                        .check(substring("\"id\"").exists()));
    }

    static ChainBuilder info() {
        return exec(session -> session.set("id", randomBook()))
                .exec(http("info").get("/info/#{id}")
                        .check(status().is(200)));
    }

    static ChainBuilder purchase() {
        return exec(session -> session.set("id", randomBook()))
                .exec(http("purchase").post("/purchase/#{id}")
                        .header("Idempotency-Key", session -> UUID.randomUUID().toString())
                        .body(StringBody("{\"quantity\":1}")).asJson()
                        // 409 = out of stock: an expected answer under load, not a failure.
                        .check(status().in(200, 409)));
    }

    private static int randomBook() {
        return ThreadLocalRandom.current().nextInt(StorePreparation.FIRST_BOOK, StorePreparation.LAST_BOOK + 1);
    }

    @Override
    public void before() {
        StorePreparation store = new StorePreparation(settings);
        store.restock();
        System.out.println("Bazar load test: " + settings + "; front end cache " + store.cacheState()
                + "; books " + StorePreparation.FIRST_BOOK + ".." + StorePreparation.LAST_BOOK + " restocked to "
                + StorePreparation.RESTOCK_TO);
    }
}
