package org.tipline.intake.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tipline.shared.PathSecurity;

/** The reporter's form and its API twin: open to anyone, and the form is a reporter page. */
@Configuration(proxyBeanMethods = false)
class IntakePaths {

    @Bean
    PathSecurity intakePathSecurity() {
        return PathSecurity.reporterPages(
                        "/",
                        "/r/{slug}",
                        "/r/{organization}/{slug}",
                        "/r/{slug}/receipt/{pickup}",
                        "/r/{organization}/{slug}/receipt/{pickup}")
                .andOpen(
                        "/api/v1/channels/{slug}/reports",
                        "/api/v1/organizations/{organization}/channels/{slug}/reports",
                        "/api/v1/channels/{slug}/challenge",
                        "/api/v1/organizations/{organization}/channels/{slug}/challenge");
    }
}
