package org.tipline.publishing;

import java.util.UUID;

/** The id of a post. */
public record PostId(UUID value) {

    @Override
    public String toString() {
        return value.toString();
    }
}
