package com.bazar.common.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests a filter before Jersey reads itself (as Jersey would) and which it leaves to Jersey. */
class BeforeJerseyTest {
    @Test
    void aTopicIsPercentDecodedAsUtf8AndAPlusStaysAPlus() {
        assertThat(BeforeJersey.decodedSegment("distributed%20systems")).contains("distributed systems");
        assertThat(BeforeJersey.decodedSegment("distributed+systems")).contains("distributed+systems");
        assertThat(BeforeJersey.decodedSegment("caf%C3%A9")).contains("café");
        assertThat(BeforeJersey.decodedSegment("a%2Bb%2fc")).contains("a+b/c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "topic;x=1", "%", "%2", "%zz", "%C3", "%FF", "caf\u00e9", "a b", "a\"b", "a%00%C3"})
    void aSegmentThatIsNotPlainPercentEncodingIsLeftToJersey(String raw) {
        assertThat(BeforeJersey.decodedSegment(raw)).isEmpty();
    }

    @Test
    void aQueryOfOneNamedParameterIsDecodedAsQueryParamDoesAPlusIsASpace() {
        assertThat(BeforeJersey.onlyQueryParameter("topic=distributed+systems", "topic")).contains("distributed systems");
        assertThat(BeforeJersey.onlyQueryParameter("topic=distributed%20systems", "topic")).contains("distributed systems");
        assertThat(BeforeJersey.onlyQueryParameter("topic=a%2Bb%3Dc", "topic")).contains("a+b=c");
        assertThat(BeforeJersey.onlyQueryParameter("topic=caf%C3%A9", "topic")).contains("café");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "topic", "topic=", "topics=a", "Topic=a", "x=1&topic=a", "topic=a&x=1", "topic=a&topic=b",
            "topic=a/b", "topic=%zz", "topic=%FF"})
    void anyOtherQueryIsLeftToJersey(String query) {
        assertThat(BeforeJersey.onlyQueryParameter(query, "topic")).isEmpty();
    }

    @Test
    void noQueryIsLeftToJersey() {
        assertThat(BeforeJersey.onlyQueryParameter(null, "topic")).isEmpty();
    }

    @Test
    void anIdIsAPlainPositiveNumber() {
        assertThat(BeforeJersey.bookId("7")).contains(7L);
        assertThat(BeforeJersey.bookId("007")).contains(7L);
        assertThat(BeforeJersey.bookId("123456789012345678")).contains(123456789012345678L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "00", "-1", "+1", "1.0", "abc", "1/", "1;x=1", "%31", "1234567890123456789"})
    void anythingElseIsLeftToJersey(String raw) {
        assertThat(BeforeJersey.bookId(raw)).isEmpty();
    }

    @Test
    void aPlainAcceptListThatTakesJsonIsServed() {
        assertThat(BeforeJersey.acceptsJson(null)).isTrue();
        assertThat(BeforeJersey.acceptsJson("*/*")).isTrue();
        assertThat(BeforeJersey.acceptsJson("application/json")).isTrue();
        assertThat(BeforeJersey.acceptsJson("text/html, application/*")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "application/xml", "application/json;q=0", "text/html;q=0.9, */*;q=0.1", ""})
    void anyOtherAcceptIsLeftToJerseysNegotiation(String accept) {
        assertThat(BeforeJersey.acceptsJson(accept)).isFalse();
    }
}
