package org.tipline.rewards.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tipline.shared.PathSecurity;

/**
 * The claim page and its API twin, open to whoever holds a claim code (the reporter or their
 * proxy), and the public verification of certificates.
 */
@Configuration(proxyBeanMethods = false)
class RewardPaths {

    @Bean
    PathSecurity rewardsPathSecurity() {
        return PathSecurity.reporterPages("/claim", "/claim/**", "/verify/{serial}")
                .andOpen("/api/v1/claims", "/api/v1/claims/**", "/api/v1/verify/{serial}");
    }
}
