package org.tipline.shared;

import java.util.UUID;

/** The id of a staff member. */
public record StaffId(UUID value) {

    /** Returns a fresh random id. */
    public static StaffId random() {
        return new StaffId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
