package org.tipline.crypto;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Says at start-up which X25519 implementation seals reports, and warns when it is the slow one. */
@Component
class CryptoStartupCheck {

    private static final Logger log = LoggerFactory.getLogger(CryptoStartupCheck.class);

    CryptoStartupCheck() {
        var implementation = Tink.X25519_IMPLEMENTATION;
        if (implementation.nativeCode()) {
            log.info("HPKE key agreement (X25519): {}", implementation.description());
        } else {
            log.warn(
                    "HPKE key agreement (X25519): {}; sealing a report takes about six times longer",
                    implementation.description());
        }
    }
}
