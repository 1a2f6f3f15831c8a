package org.tipline.cases;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of case handling ({@code tipline.cases.*}).
 *
 * @param overviewCache how long a supervisor's overview is reused before it is counted again (0: never reused)
 */
@ConfigurationProperties("tipline.cases")
public record CasesProperties(@DefaultValue("1m") Duration overviewCache) {}
