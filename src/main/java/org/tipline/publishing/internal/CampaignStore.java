package org.tipline.publishing.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tipline.channels.ChannelId;
import org.tipline.publishing.Campaign;
import org.tipline.publishing.CampaignId;
import org.tipline.publishing.PostId;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/** Stores campaigns, the posts they group and the daily counts of their links' views. */
@Component
public class CampaignStore {

    private static final String COLUMNS = """
            SELECT c.id, c.organization_id, c.code, c.name, c.message, c.channel_id, c.created_at, c.version,
                   ARRAY(SELECT p.post_id FROM campaign_post p WHERE p.campaign_id = c.id ORDER BY p.post_id) AS posts
            FROM campaign c""";

    private final JdbcClient jdbc;

    CampaignStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a new campaign unless its organisation has one with its code; returns whether it did. */
    public boolean insert(Campaign campaign, StaffId creator) {
        var inserted = jdbc.sql("""
                        INSERT INTO campaign (id, organization_id, code, name, message, channel_id, created_at, created_by, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (organization_id, code) DO NOTHING""")
                        .params(
                                campaign.id().value(),
                                campaign.organization().value(),
                                campaign.code(),
                                campaign.name(),
                                campaign.message(),
                                campaign.channel().value(),
                                Timestamp.from(campaign.createdAt()),
                                creator.value())
                        .update()
                > 0;
        if (inserted) {
            group(campaign.id(), campaign.posts());
        }
        return inserted;
    }

    /** Saves a campaign's name, message, channel and posts if nobody saved it since {@code version}. */
    public boolean update(Campaign campaign, long version) {
        var updated = jdbc.sql("""
                        UPDATE campaign SET name = ?, message = ?, channel_id = ?, version = version + 1
                        WHERE id = ? AND organization_id = ? AND version = ?""")
                        .params(
                                campaign.name(),
                                campaign.message(),
                                campaign.channel().value(),
                                campaign.id().value(),
                                campaign.organization().value(),
                                version)
                        .update()
                > 0;
        if (updated) {
            jdbc.sql("DELETE FROM campaign_post WHERE campaign_id = ?")
                    .param(campaign.id().value())
                    .update();
            group(campaign.id(), campaign.posts());
        }
        return updated;
    }

    /** Puts {@code posts} in the campaign, taking each out of the campaign it was in. */
    private void group(CampaignId campaign, Collection<PostId> posts) {
        for (var post : posts) {
            jdbc.sql("""
                            INSERT INTO campaign_post (post_id, campaign_id) VALUES (?, ?)
                            ON CONFLICT (post_id) DO UPDATE SET campaign_id = excluded.campaign_id""").params(post.value(), campaign.value()).update();
        }
    }

    public Optional<Campaign> find(OrganizationId organization, CampaignId id) {
        return jdbc.sql(COLUMNS + " WHERE c.organization_id = ? AND c.id = ?")
                .params(organization.value(), id.value())
                .query(CampaignStore::campaign)
                .optional();
    }

    public Optional<Campaign> byCode(OrganizationId organization, String code) {
        return jdbc.sql(COLUMNS + " WHERE c.organization_id = ? AND c.code = ?")
                .params(organization.value(), code)
                .query(CampaignStore::campaign)
                .optional();
    }

    /** Returns the campaign that {@code post} belongs to, if any. */
    public Optional<Campaign> ofPost(OrganizationId organization, PostId post) {
        return jdbc.sql(COLUMNS
                        + " JOIN campaign_post g ON g.campaign_id = c.id WHERE c.organization_id = ? AND g.post_id = ?")
                .params(organization.value(), post.value())
                .query(CampaignStore::campaign)
                .optional();
    }

    /** Lists the organisation's campaigns, newest first. */
    public List<Campaign> list(OrganizationId organization) {
        return jdbc.sql(COLUMNS + " WHERE c.organization_id = ? ORDER BY c.created_at DESC, c.id")
                .param(organization.value())
                .query(CampaignStore::campaign)
                .list();
    }

    /** Counts one view of a campaign's link on {@code day}. */
    public void countView(CampaignId campaign, LocalDate day) {
        jdbc.sql("""
                        INSERT INTO campaign_view (campaign_id, day, views) VALUES (?, ?, 1)
                        ON CONFLICT (campaign_id, day) DO UPDATE SET views = campaign_view.views + 1""").params(campaign.value(), Date.valueOf(day)).update();
    }

    /** Returns, per campaign of the organisation, its views in all and since {@code since} (inclusive). */
    public Map<CampaignId, long[]> views(OrganizationId organization, LocalDate since) {
        var views = new HashMap<CampaignId, long[]>();
        jdbc.sql("""
                        SELECT v.campaign_id, sum(v.views) AS views, coalesce(sum(v.views) FILTER (WHERE v.day >= ?), 0) AS recent
                        FROM campaign_view v JOIN campaign c ON c.id = v.campaign_id
                        WHERE c.organization_id = ? GROUP BY v.campaign_id""")
                .params(Date.valueOf(since), organization.value())
                .query((rs, row) -> views.put(
                        new CampaignId(rs.getObject("campaign_id", UUID.class)),
                        new long[] {rs.getLong("views"), rs.getLong("recent")}))
                .list();
        return views;
    }

    private static Campaign campaign(ResultSet rs, int row) throws SQLException {
        var posts = new ArrayList<PostId>();
        for (var id : (Object[]) rs.getArray("posts").getArray()) {
            posts.add(new PostId((UUID) id));
        }
        return new Campaign(
                new CampaignId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("message"),
                new ChannelId(rs.getObject("channel_id", UUID.class)),
                posts,
                rs.getTimestamp("created_at").toInstant(),
                rs.getLong("version"));
    }
}
