package org.tipline.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tipline.channels.ChannelId;
import org.tipline.shared.TooManyRequests;

/**
 * Per-source limits kept as keyed hashes under a key that lives in memory and is replaced, and the
 * proof of work: a source gets its share per channel and no more, another source or channel is not
 * touched, a new key starts afresh; a challenge is bound to its channel, signed, single-use and
 * short-lived, and the work is counted in leading zero bits.
 */
class SubmissionLimitsTests {

    private Instant now = Instant.parse("2026-11-30T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private final SubmissionLimits limits = new SubmissionLimits(
            new IntakeProperties(
                    Duration.ofDays(3),
                    Duration.ofHours(24),
                    Duration.ofMinutes(15),
                    3,
                    Duration.ofHours(1),
                    Duration.ofHours(24),
                    12),
            clock);

    @Test
    void aSourceGetsItsSharePerChannelAndANewKeyForgetsIt() {
        var channel = new ChannelId(UUID.randomUUID());
        var other = new ChannelId(UUID.randomUUID());
        for (int i = 0; i < 3; i++) {
            limits.count(channel, "198.51.100.7", false);
        }
        assertThatThrownBy(() -> limits.count(channel, "198.51.100.7", false)).isInstanceOf(TooManyRequests.class);
        // another source, another channel, the onion address: not touched
        limits.count(channel, "198.51.100.8", false);
        limits.count(other, "198.51.100.7", false);
        for (int i = 0; i < 10; i++) {
            limits.count(channel, "127.0.0.1", true);
        }
        // once the key is replaced nothing links the old counts to the source
        now = now.plus(Duration.ofHours(25));
        limits.count(channel, "198.51.100.7", false);
    }

    @Test
    void aProofOfWorkIsBoundToItsChannelSignedSpentOnceAndShortLived() {
        var channel = new ChannelId(UUID.randomUUID());
        var challenge = limits.challenge(channel);
        var header = solve(challenge, 12);
        assertThatThrownBy(() -> limits.checkProof(new ChannelId(UUID.randomUUID()), header))
                .isInstanceOf(ProofOfWorkRequired.class);
        limits.checkProof(channel, header);
        assertThatThrownBy(() -> limits.checkProof(channel, header)).isInstanceOf(ProofOfWorkRequired.class);

        // too little work, a forged signature, a stale challenge, nothing at all
        var weak = limits.challenge(channel);
        var lazy = java.util.stream.IntStream.range(0, 100_000)
                .mapToObj(n -> weak + ":" + n)
                .filter(text -> SubmissionLimits.leadingZeroBits(SubmissionLimits.sha256(text)) < 12)
                .findFirst()
                .orElseThrow();
        assertThatThrownBy(() -> limits.checkProof(channel, lazy)).isInstanceOf(ProofOfWorkRequired.class);
        var forged = challenge.substring(0, challenge.indexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAA";
        assertThatThrownBy(() -> limits.checkProof(channel, solve(forged, 12))).isInstanceOf(ProofOfWorkRequired.class);
        var stale = limits.challenge(channel);
        now = now.plus(Duration.ofMinutes(11));
        assertThatThrownBy(() -> limits.checkProof(channel, solve(stale, 12))).isInstanceOf(ProofOfWorkRequired.class);
        assertThatThrownBy(() -> limits.checkProof(channel, null)).isInstanceOf(ProofOfWorkRequired.class);
        assertThatThrownBy(() -> limits.checkProof(channel, "no-colon")).isInstanceOf(ProofOfWorkRequired.class);
    }

    @Test
    void leadingZeroBitsAreCountedAcrossBytes() {
        assertThat(SubmissionLimits.leadingZeroBits(new byte[] {0, 0, 0x10, 0})).isEqualTo(19);
        assertThat(SubmissionLimits.leadingZeroBits(new byte[] {(byte) 0x80})).isZero();
        assertThat(SubmissionLimits.leadingZeroBits(new byte[] {0, 0})).isEqualTo(16);
    }

    /** Finds a nonce whose proof has {@code bits} leading zero bits, as an API client does. */
    static String solve(String challenge, int bits) {
        for (long nonce = 0; ; nonce++) {
            var header = challenge + ":" + nonce;
            if (SubmissionLimits.leadingZeroBits(SubmissionLimits.sha256(header)) >= bits) {
                return header;
            }
        }
    }
}
