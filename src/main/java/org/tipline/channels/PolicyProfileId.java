package org.tipline.channels;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.tipline.shared.OrganizationId;

/** The id of a policy profile; its versions share it. */
public record PolicyProfileId(UUID value) {

    /** Returns a fresh random id. */
    public static PolicyProfileId random() {
        return new PolicyProfileId(UUID.randomUUID());
    }

    /** Returns the id of an organisation's copy of a preset: the same every time, so presets are made once. */
    static PolicyProfileId preset(OrganizationId organization, String preset) {
        return new PolicyProfileId(UUID.nameUUIDFromBytes(
                ("policy-preset:" + organization + ":" + preset).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
