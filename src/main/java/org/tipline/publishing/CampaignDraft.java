package org.tipline.publishing;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.tipline.channels.ChannelId;

/** What an editor sets on a campaign; the code only when creating it. Checked by {@link Campaigns}. */
public record CampaignDraft(
        String name, String message, @Nullable ChannelId channel, List<PostId> posts) {

    public CampaignDraft {
        posts = List.copyOf(posts);
    }

    @Override
    public String toString() {
        return "CampaignDraft[" + posts.size() + " posts]";
    }
}
