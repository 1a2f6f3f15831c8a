package org.tipline.shared;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Provides the application's {@link Clock}: time is injected so that tests can move it. */
@Configuration(proxyBeanMethods = false)
public class TimeConfiguration {

    /** Returns the system clock in UTC unless a test supplies its own. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
