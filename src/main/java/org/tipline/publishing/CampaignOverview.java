package org.tipline.publishing;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.tipline.cases.OverviewSection;
import org.tipline.shared.StaffPrincipal;

/** Puts the campaigns' results on the supervisor overview: views, reports, substantiated reports, rewards paid. */
@Component
class CampaignOverview implements OverviewSection {

    private final Campaigns campaigns;

    CampaignOverview(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public Optional<Table> table(StaffPrincipal supervisor) {
        var results = campaigns.results(supervisor);
        if (results.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Table(
                "campaign-results",
                "campaigns.results",
                List.of(
                        "campaigns.name",
                        "campaigns.code",
                        "campaigns.views",
                        "campaigns.views-30",
                        "campaigns.reports",
                        "campaigns.substantiated",
                        "campaigns.rewarded"),
                results.stream()
                        .map(result -> List.of(
                                result.campaign().name(),
                                result.campaign().code(),
                                Long.toString(result.views()),
                                Long.toString(result.viewsLast30Days()),
                                Long.toString(result.reports()),
                                Long.toString(result.substantiated()),
                                Long.toString(result.rewarded())))
                        .toList()));
    }
}
