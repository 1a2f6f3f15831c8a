package org.tipline.cases;

/** How many reports came through a campaign's link, and how many of them were concluded substantiated. */
public record CampaignTally(long reports, long substantiated) {}
