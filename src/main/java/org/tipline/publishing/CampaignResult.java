package org.tipline.publishing;

/**
 * What a campaign brought, in counts only: the views of its link (all time and in the last 30 days),
 * the reports that came through it, how many of those were concluded substantiated, and how many
 * rewards were paid for them.
 */
public record CampaignResult(
        Campaign campaign, long views, long viewsLast30Days, long reports, long substantiated, long rewarded) {}
