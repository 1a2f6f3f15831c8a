package org.tipline.publishing.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.channels.ChannelId;
import org.tipline.publishing.Campaign;
import org.tipline.publishing.CampaignDraft;
import org.tipline.publishing.CampaignId;
import org.tipline.publishing.CampaignResult;
import org.tipline.publishing.Campaigns;
import org.tipline.publishing.PostId;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.StaffPrincipal;

/**
 * Campaigns through the API: editors create and change them; editors and supervisors read their
 * results (counts only) under {@code /api/v1/campaigns}.
 */
@RestController
class CampaignsApiController {

    record Written(
            @Nullable String code,
            @Nullable String name,
            @Nullable String message,
            @Nullable UUID channel,
            @Nullable List<UUID> posts,
            @Nullable Long version) {

        CampaignDraft draft() {
            return new CampaignDraft(
                    name == null ? "" : name,
                    message == null ? "" : message,
                    channel == null ? null : new ChannelId(channel),
                    posts == null ? List.of() : posts.stream().map(PostId::new).toList());
        }
    }

    /** A campaign with what it brought. */
    record View(
            UUID id,
            String code,
            String name,
            String message,
            UUID channel,
            List<UUID> posts,
            long version,
            long views,
            long viewsLast30Days,
            long reports,
            long substantiated,
            long rewarded) {

        static View of(CampaignResult result) {
            var campaign = result.campaign();
            return new View(
                    campaign.id().value(),
                    campaign.code(),
                    campaign.name(),
                    campaign.message(),
                    campaign.channel().value(),
                    campaign.posts().stream().map(PostId::value).toList(),
                    campaign.version(),
                    result.views(),
                    result.viewsLast30Days(),
                    result.reports(),
                    result.substantiated(),
                    result.rewarded());
        }

        static View of(Campaign campaign) {
            return of(new CampaignResult(campaign, 0, 0, 0, 0, 0));
        }
    }

    private final Campaigns campaigns;

    CampaignsApiController(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    @GetMapping("/api/v1/campaigns")
    List<View> list(@AuthenticationPrincipal StaffPrincipal staff) {
        return campaigns.results(staff).stream().map(View::of).toList();
    }

    @GetMapping("/api/v1/campaigns/{id}")
    View get(@AuthenticationPrincipal StaffPrincipal staff, @PathVariable UUID id) {
        var wanted = new CampaignId(id);
        return campaigns.results(staff).stream()
                .filter(result -> result.campaign().id().equals(wanted))
                .findFirst()
                .map(View::of)
                .orElseThrow(() -> new java.util.NoSuchElementException("No such campaign"));
    }

    @PostMapping("/api/v1/campaigns")
    @ResponseStatus(HttpStatus.CREATED)
    View create(@AuthenticationPrincipal StaffPrincipal editor, @RequestBody Written body) {
        return View.of(campaigns.create(editor, body.code() == null ? "" : body.code(), body.draft()));
    }

    @PutMapping("/api/v1/campaigns/{id}")
    View edit(@AuthenticationPrincipal StaffPrincipal editor, @PathVariable UUID id, @RequestBody Written body) {
        if (body.version() == null) {
            throw new InvalidInput(Map.of("version", "error.campaign.version"));
        }
        return View.of(campaigns.edit(editor, new CampaignId(id), body.version(), body.draft()));
    }
}
