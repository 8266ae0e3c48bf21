package com.bazar.frontend.core;

import com.bazar.common.client.UpstreamResponse;
import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which catalog answers the cache may keep, and which are a broken upstream (502). */
class VersionReaderTest {
    private static final String BOOK_1 = "{\"id\":1,\"title\":\"t\",\"topic\":\"ds\",\"price\":\"1.00\",\"stock\":3,\"version\":7}";
    private static final String BOOK_2 = "{\"id\":2,\"title\":\"u\",\"topic\":\"ds\",\"price\":\"2.00\",\"stock\":0,\"version\":4}";

    private final VersionReader reader = new VersionReader(Jackson.newObjectMapper());

    @Test
    void aBookCarriesItsVersionAndItsBytesUnchanged() {
        CachedResponse cached = reader.book(1, answer(BOOK_1));

        assertThat(new String(cached.body(), StandardCharsets.UTF_8)).isEqualTo(BOOK_1);
        assertThat(cached.isOlderThan(Map.of(1L, 8L))).isTrue();
        assertThat(cached.isOlderThan(Map.of(1L, 7L))).isFalse();
    }

    @Test
    void aTopicCarriesTheVersionOfEveryBook() {
        CachedResponse cached = reader.topic("ds", answer("[" + BOOK_1 + "," + BOOK_2 + "]")).orElseThrow();

        assertThat(cached.isOlderThan(Map.of(2L, 5L))).isTrue();
        assertThat(cached.isOlderThan(Map.of(1L, 7L, 2L, 4L, 3L, 99L))).isFalse();
    }

    @Test
    void aTopicAnswerWithBooksOfAnotherSpellingIsNotCacheable() {
        assertThat(reader.topic("DS", answer("[" + BOOK_1 + "]"))).isEmpty();
        assertThat(reader.topic("ds", answer("[]"))).isPresent();
    }

    @Test
    void anotherBookThanTheOneAskedForIsABadAnswer() {
        assertThatThrownBy(() -> reader.book(2, answer(BOOK_1)))
                .isInstanceOf(BadUpstreamAnswerException.class)
                .hasMessageContaining("catalog-1").hasMessageContaining("book 1 instead of book 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{\"id\":1}", "{\"id\":1,\"version\":\"7\"}", "{\"id\":1,\"version\":7.5}",
            "{\"id\":1,\"version\":7} trailing"})
    void anAnswerThatIsNotABookIsABadAnswer(String body) {
        assertThatThrownBy(() -> reader.book(1, answer(body)))
                .isInstanceOf(BadUpstreamAnswerException.class)
                .satisfies(e -> assertThat(((BadUpstreamAnswerException) e).getResponse().getStatus()).isEqualTo(502));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "not json", "[{\"id\":1}]"})
    void anAnswerThatIsNotAListOfBooksIsABadAnswer(String body) {
        assertThatThrownBy(() -> reader.topic("ds", answer(body))).isInstanceOf(BadUpstreamAnswerException.class);
    }

    private static UpstreamResponse answer(String body) {
        return new UpstreamResponse("catalog-1", 200, body.getBytes(StandardCharsets.UTF_8));
    }
}
