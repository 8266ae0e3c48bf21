package com.bazar.common.web;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencyKeysTest {

    @Test
    void aGeneratedKeyIsAVersion7UuidCarryingItsMillisecond() {
        long millis = 1_795_000_000_123L;
        UUID key = UUID.fromString(IdempotencyKeys.timeOrdered(millis, new Random(1)));

        assertThat(key.version()).isEqualTo(7);
        assertThat(key.variant()).isEqualTo(2);
        assertThat(key.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void keysMadeInLaterMillisecondsSortLaterAsText() {
        Random random = new Random(7);
        String earlier = IdempotencyKeys.timeOrdered(1_795_000_000_000L, random);
        for (long later = 1_795_000_000_001L; later < 1_795_000_001_000L; later += 37) {
            String next = IdempotencyKeys.timeOrdered(later, random);
            assertThat(next).isGreaterThan(earlier);
            earlier = next;
        }
    }

    @Test
    void keysOfOneMillisecondDiffer() {
        Random random = new Random(3);
        assertThat(IdempotencyKeys.timeOrdered(5L, random)).isNotEqualTo(IdempotencyKeys.timeOrdered(5L, random));
    }

    @Test
    void theCallersKeyIsKeptOrRefusedButNeverReplaced() {
        assertThat(IdempotencyKeys.orGenerate("key-123")).isEqualTo("key-123");
        assertThatThrownBy(() -> IdempotencyKeys.orGenerate("two words")).isInstanceOf(InvalidRequestException.class);
        assertThat(UUID.fromString(IdempotencyKeys.orGenerate(null)).version()).isEqualTo(7);
    }
}
