package org.tipline.accounts;

import java.util.UUID;

/** The id of a staff member. */
public record StaffId(UUID value) {

    /** Returns a fresh random id. */
    public static StaffId random() {
        return new StaffId(UUID.randomUUID());
    }

    /** Returns the audit actor name of this staff member, {@code staff:<id>}. */
    public String actor() {
        return "staff:" + value;
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
