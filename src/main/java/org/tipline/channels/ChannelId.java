package org.tipline.channels;

import java.util.UUID;

/** The id of a reporting channel. */
public record ChannelId(UUID value) {

    /** Returns a fresh random id. */
    public static ChannelId random() {
        return new ChannelId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
