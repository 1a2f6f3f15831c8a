package org.tipline.shared;

import java.util.UUID;

/** The id of an organisation (tenant). */
public record OrganizationId(UUID value) {

    /** Returns a fresh random id. */
    public static OrganizationId random() {
        return new OrganizationId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
