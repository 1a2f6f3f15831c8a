package org.tipline.reports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of request bodies that carry files (submissions and follow-up replies), {@code tipline.uploads.*}.
 *
 * @param maxFileSize the largest single attachment
 * @param maxRequestSize the largest submission or reply, files included
 * @param maxFiles the most attachments in one submission or reply
 * @param maxFieldSize the largest text field
 * @param maxTextSize the most text of all fields together
 * @param maxParts the most parts (fields and files) a body may have
 */
@ConfigurationProperties("tipline.uploads")
public record UploadProperties(
        @DefaultValue("100MB") DataSize maxFileSize,
        @DefaultValue("500MB") DataSize maxRequestSize,
        @DefaultValue("20") int maxFiles,
        @DefaultValue("200KB") DataSize maxFieldSize,
        @DefaultValue("2MB") DataSize maxTextSize,
        @DefaultValue("250") int maxParts) {}
