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
 * @param refusedTypes the types (read from a file's bytes) that are refused, alone or inside a ZIP
 * @param cleanLimit the largest JPEG, PNG or PDF whose metadata is taken out (larger ones are kept
 *     as sent, and the reporter is told)
 * @param cleanMemory the most bytes of all files being cleaned at once; beyond it a file waits up
 *     to 10 seconds, then its request is refused as busy
 */
@ConfigurationProperties("tipline.uploads")
public record UploadProperties(
        @DefaultValue("100MB") DataSize maxFileSize,
        @DefaultValue("500MB") DataSize maxRequestSize,
        @DefaultValue("20") int maxFiles,
        @DefaultValue("200KB") DataSize maxFieldSize,
        @DefaultValue("2MB") DataSize maxTextSize,
        @DefaultValue("250") int maxParts,

        @DefaultValue({
            "application/x-msdownload",
            "application/x-dosexec",
            "application/x-ms-installer",
            "application/x-executable",
            "application/x-elf",
            "application/x-sharedlib",
            "application/x-object",
            "application/x-coredump",
            "application/x-mach-o-executable",
            "application/x-mach-o",
            "application/x-mach-o-dylib",
            "application/x-mach-o-bundle",
            "application/x-sh",
            "application/x-bat",
            "application/java-vm",
            "application/vnd.android.package-archive"
        })
        java.util.List<String> refusedTypes,

        @DefaultValue("32MB") DataSize cleanLimit,
        @DefaultValue("256MB") DataSize cleanMemory) {}
