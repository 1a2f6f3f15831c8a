package org.tipline.channels.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tipline.shared.PathSecurity;

/** The paths channels serves to anyone: the public description of a channel for API clients. */
@Configuration(proxyBeanMethods = false)
class ChannelPaths {

    @Bean
    PathSecurity channelsPathSecurity() {
        return PathSecurity.open("/api/v1/channels/{slug}", "/api/v1/organizations/{organization}/channels/{slug}");
    }
}
