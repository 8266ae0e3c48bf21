package com.bazar.frontend.resources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests the fast path reads itself (as Jersey would) and which it leaves to Jersey. */
class CacheHitFilterTest {
    @Test
    void aTopicIsPercentDecodedAsUtf8AndAPlusStaysAPlus() {
        assertThat(CacheHitFilter.decodedSegment("distributed%20systems")).contains("distributed systems");
        assertThat(CacheHitFilter.decodedSegment("distributed+systems")).contains("distributed+systems");
        assertThat(CacheHitFilter.decodedSegment("caf%C3%A9")).contains("café");
        assertThat(CacheHitFilter.decodedSegment("a%2Bb%2fc")).contains("a+b/c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "topic;x=1", "%", "%2", "%zz", "%C3", "%FF", "caf\u00e9", "a b", "a\"b", "a%00%C3"})
    void aSegmentThatIsNotPlainPercentEncodingIsLeftToJersey(String raw) {
        assertThat(CacheHitFilter.decodedSegment(raw)).isEmpty();
    }

    @Test
    void anIdIsAPlainPositiveNumber() {
        assertThat(CacheHitFilter.bookId("7")).contains(7L);
        assertThat(CacheHitFilter.bookId("007")).contains(7L);
        assertThat(CacheHitFilter.bookId("123456789012345678")).contains(123456789012345678L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "00", "-1", "+1", "1.0", "abc", "1/", "1;x=1", "%31", "1234567890123456789"})
    void anythingElseIsLeftToJersey(String raw) {
        assertThat(CacheHitFilter.bookId(raw)).isEmpty();
    }

    @Test
    void aPlainAcceptListThatTakesJsonIsServed() {
        assertThat(CacheHitFilter.acceptsJson(null)).isTrue();
        assertThat(CacheHitFilter.acceptsJson("*/*")).isTrue();
        assertThat(CacheHitFilter.acceptsJson("application/json")).isTrue();
        assertThat(CacheHitFilter.acceptsJson("text/html, application/*")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "application/xml", "application/json;q=0", "text/html;q=0.9, */*;q=0.1", ""})
    void anyOtherAcceptIsLeftToJerseysNegotiation(String accept) {
        assertThat(CacheHitFilter.acceptsJson(accept)).isFalse();
    }
}
