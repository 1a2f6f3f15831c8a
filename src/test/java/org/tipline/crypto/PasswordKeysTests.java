package org.tipline.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tipline.shared.ServiceBusy;
import org.tipline.shared.StaffId;

class PasswordKeysTests {

    private final StaffId staff = StaffId.random();
    private final PasswordKeys keys = keys(randomPepper(), 2, Duration.ofSeconds(5));

    @Test
    void samePasswordSaltAndMemberGiveTheSameVerifierAndKey() {
        var salt = PasswordKeys.newSalt();
        var first = keys.derive("correct horse battery staple", salt, staff);
        var again = keys.derive("correct horse battery staple", salt, staff);
        assertThat(PasswordKeys.matches(again.verifier(), first.verifier())).isTrue();
        assertThat(again.key().toBytes()).isEqualTo(first.key().toBytes());
        assertThat(first.verifier()).isNotEqualTo(first.key().toBytes());
    }

    @Test
    void wrongPasswordDoesNotOpenThePrivateKey() {
        var salt = PasswordKeys.newSalt();
        var owner = PrivateKey.generate();
        var sealed = owner.sealUnder(keys.derive("right password", salt, staff).key(), "staff:1:password");
        var wrong = keys.derive("wrong password", salt, staff);
        assertThat(PasswordKeys.matches(
                        wrong.verifier(),
                        keys.derive("right password", salt, staff).verifier()))
                .isFalse();
        assertThatThrownBy(() -> PrivateKey.open(sealed, wrong.key(), "staff:1:password"))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void saltMemberAndPepperEachChangeEverything() {
        var salt = PasswordKeys.newSalt();
        var base = keys.derive("pw", salt, staff);
        var otherSalt = keys.derive("pw", PasswordKeys.newSalt(), staff);
        var otherMember = keys.derive("pw", salt, StaffId.random());
        var otherPepper = keys(randomPepper(), 1, Duration.ofSeconds(5)).derive("pw", salt, staff);
        for (var other : new PasswordKeys.Derived[] {otherSalt, otherMember, otherPepper}) {
            assertThat(other.verifier()).isNotEqualTo(base.verifier());
            assertThat(other.key().toBytes()).isNotEqualTo(base.key().toBytes());
        }
    }

    @Test
    void oneStretchGivesBothSchemesSoAnOldMemberMovesWithoutASecondRun() {
        var salt = PasswordKeys.newSalt();
        var stretched = keys.stretch("pw", salt);
        var unpeppered = stretched.derive(PasswordKeys.Scheme.UNPEPPERED, staff);
        var peppered = stretched.derive(PasswordKeys.Scheme.PEPPERED, staff);
        assertThat(unpeppered.verifier()).isNotEqualTo(peppered.verifier());
        assertThat(peppered.verifier()).isEqualTo(keys.derive("pw", salt, staff).verifier());
        // scheme 1 needs no server secret: a different pepper gives the same
        assertThat(keys(randomPepper(), 1, Duration.ofSeconds(5))
                        .stretch("pw", salt)
                        .derive(PasswordKeys.Scheme.UNPEPPERED, staff)
                        .verifier())
                .isEqualTo(unpeppered.verifier());
        assertThat(PasswordKeys.Scheme.of(1)).isEqualTo(PasswordKeys.Scheme.UNPEPPERED);
        assertThat(PasswordKeys.Scheme.of(2)).isEqualTo(PasswordKeys.Scheme.PEPPERED);
    }

    @Test
    void atMostTheConfiguredNumberOfRunsHappenAtOnceAndTheRestAreRefusedAfterWaiting() throws Exception {
        var single = keys(randomPepper(), 1, Duration.ofMillis(50));
        var pool = Executors.newFixedThreadPool(4);
        var busy = new AtomicInteger();
        var done = new AtomicInteger();
        var start = new CountDownLatch(1);
        try {
            for (int i = 0; i < 4; i++) {
                pool.submit(() -> {
                    start.await();
                    try {
                        single.stretch("pw", PasswordKeys.newSalt());
                        done.incrementAndGet();
                    } catch (ServiceBusy e) {
                        busy.incrementAndGet();
                    }
                    return null;
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(done.get() + busy.get()).isEqualTo(4);
        assertThat(done.get()).isGreaterThanOrEqualTo(1);
        assertThat(busy.get()).as("an Argon2id run takes far longer than 50 ms").isGreaterThanOrEqualTo(1);
    }

    private static PasswordKeys keys(String pepper, int concurrency, Duration wait) {
        var secrets = new ServerSecrets(new ServerSecrets.Properties(
                Path.of("target/unused-secrets"), pepper, Base64.getEncoder().encodeToString(Randomness.bytes(32))));
        return new PasswordKeys(new PasswordKeys.Argon2Properties(65536, 3, 1, concurrency, wait), secrets);
    }

    private static String randomPepper() {
        return Base64.getEncoder().encodeToString(Randomness.bytes(32));
    }
}
