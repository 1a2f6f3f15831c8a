package org.tipline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Tipline, a self-hosted secure reporting channel: one Spring Boot application, one module a package. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(sharedModules = "shared")
public class TiplineApplication {

    public static void main(String[] args) {
        SpringApplication.run(TiplineApplication.class, args);
    }
}
