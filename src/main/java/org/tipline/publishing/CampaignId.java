package org.tipline.publishing;

import java.util.UUID;

/** Identifies a campaign. */
public record CampaignId(UUID value) {

    @Override
    public String toString() {
        return value.toString();
    }
}
