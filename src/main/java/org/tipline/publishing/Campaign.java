package org.tipline.publishing;

import java.time.Instant;
import java.util.List;
import org.tipline.channels.ChannelId;
import org.tipline.shared.OrganizationId;

/**
 * A campaign on an organisation's public account: it groups posts and leads to one channel through
 * its link {@code /o/<organisation>/c/<code>}, which posters print as a QR code.
 *
 * @param code what its link, its posters and the reports that came through it carry
 * @param message the short message its posters print
 * @param posts the posts whose call to action follows its link
 */
public record Campaign(
        CampaignId id,
        OrganizationId organization,
        String code,
        String name,
        String message,
        ChannelId channel,
        List<PostId> posts,
        Instant createdAt,
        long version) {

    public Campaign {
        posts = List.copyOf(posts);
    }

    @Override
    public String toString() {
        return "Campaign[" + id + "]";
    }
}
