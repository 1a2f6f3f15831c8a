package org.tipline.publishing.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tipline.shared.PathSecurity;

/**
 * The public account: its pages are open to anyone and are reporter pages (no script, no staff
 * cookie honoured, offered on the onion service); its feeds and posts API are open to anyone.
 */
@Configuration(proxyBeanMethods = false)
class PublishingPaths {

    @Bean
    PathSecurity publishingPathSecurity() {
        return PathSecurity.reporterPages(
                        "/o/{organization}", "/o/{organization}/posts/{number}", "/o/{organization}/c/{code}")
                .andOpen(
                        "/o/{organization}/feed.atom",
                        "/o/{organization}/tags/{tag}/feed.atom",
                        "/api/v1/organizations/{organization}/posts",
                        "/api/v1/organizations/{organization}/posts/{number}",
                        "/o/{organization}/images/{image}/{width}")
                .andStreamedForms(PostsController.IMAGES);
    }
}
