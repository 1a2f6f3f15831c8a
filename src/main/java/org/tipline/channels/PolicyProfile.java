package org.tipline.channels;

import org.jspecify.annotations.Nullable;
import org.tipline.shared.OrganizationId;

/**
 * One version of a policy profile: the deadline rules a channel's cases run on. Presets ("EU
 * internal channel", "EU external authority") cannot be edited, only copied.
 *
 * @param preset the preset's key, or null for a profile an admin made
 */
public record PolicyProfile(
        PolicyProfileId id,
        OrganizationId organization,
        String name,
        @Nullable String preset,
        int version,
        PolicyRules rules) {

    /** Returns whether this profile is a preset, which admins copy rather than edit. */
    public boolean isPreset() {
        return preset != null;
    }
}
