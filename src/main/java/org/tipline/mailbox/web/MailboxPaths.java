package org.tipline.mailbox.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tipline.shared.PathSecurity;

/** The reporter's follow-up pages and their API twins: open to anyone who holds a receipt. */
@Configuration(proxyBeanMethods = false)
class MailboxPaths {

    @Bean
    PathSecurity mailboxPathSecurity() {
        return PathSecurity.reporterPages("/followup", "/followup/**")
                .andOpen("/api/v1/followup", "/api/v1/followup/**");
    }
}
