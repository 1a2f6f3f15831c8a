package org.tipline.blobs;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Blob storage settings, {@code tipline.blobs.*}.
 *
 * @param directory where the filesystem store keeps blobs
 */
@ConfigurationProperties("tipline.blobs")
public record BlobsProperties(@DefaultValue("./data/blobs") Path directory) {}
