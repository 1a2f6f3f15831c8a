package org.tipline.publishing;

import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.cases.CampaignTally;
import org.tipline.cases.CaseManagement;
import org.tipline.channels.Channels;
import org.tipline.intake.CampaignCode;
import org.tipline.publishing.internal.CampaignStore;
import org.tipline.publishing.internal.PostStore;
import org.tipline.publishing.internal.PublicViews;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.StaffPrincipal;

/**
 * Campaigns: editors create them (a code, a name, a short message for posters, the channel they lead
 * to and the posts they group); their link counts views by day and leads on to the channel's form
 * with the code, which the report's case keeps. Results are counts only: views, reports,
 * substantiated reports and the rewards paid for them. Nothing about who followed a link or
 * reported is kept.
 */
@Service
public class Campaigns {

    /** The longest name. */
    public static final int NAME_LIMIT = 100;

    /** The longest poster message. */
    public static final int MESSAGE_LIMIT = 200;

    /** The most posts a campaign groups. */
    public static final int POST_LIMIT = 50;

    private final CampaignStore store;
    private final PostStore posts;
    private final Channels channels;
    private final CaseManagement cases;
    private final org.tipline.rewards.Rewards rewards;
    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId zone;
    private final PublicViews views;

    Campaigns(
            CampaignStore store,
            PostStore posts,
            Channels channels,
            CaseManagement cases,
            org.tipline.rewards.Rewards rewards,
            AuditLog audit,
            Clock clock,
            PublicViews views,
            org.tipline.shared.WebProperties web) {
        this.store = store;
        this.posts = posts;
        this.channels = channels;
        this.cases = cases;
        this.rewards = rewards;
        this.audit = audit;
        this.clock = clock;
        this.views = views;
        this.zone = web.timeZone();
    }

    /**
     * Creates a campaign with {@code code}.
     *
     * @throws InvalidInput if the code is not one or is taken, or the rest is not acceptable
     */
    @Transactional
    public Campaign create(StaffPrincipal editor, String code, CampaignDraft draft) {
        editor.require(Role.EDITOR);
        var errors = check(editor.organization(), draft);
        var parsed = CampaignCode.parse(code.strip());
        if (parsed.isEmpty()) {
            errors.put("code", "error.campaign.code");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        var campaign = new Campaign(
                new CampaignId(UUID.randomUUID()),
                editor.organization(),
                parsed.get().value(),
                draft.name().strip(),
                draft.message().strip(),
                draft.channel(),
                unique(draft.posts()),
                clock.instant(),
                0);
        if (!store.insert(campaign, editor.id())) {
            throw new InvalidInput(Map.of("code", "error.campaign.code-taken"));
        }
        audit.record(
                editor.organization(), Actor.staff(editor.id()), new PublishingAudit.CampaignCreated(campaign.id()));
        views.changed();
        return store.find(editor.organization(), campaign.id()).orElseThrow();
    }

    /**
     * Saves a campaign's name, message, channel and posts; its code stays.
     *
     * @throws InvalidInput if they are not acceptable
     * @throws PostRefused if someone saved the campaign since {@code version}
     */
    @Transactional
    public Campaign edit(StaffPrincipal editor, CampaignId id, long version, CampaignDraft draft) {
        editor.require(Role.EDITOR);
        var current = get(editor, id);
        var errors = check(editor.organization(), draft);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        var changed = new Campaign(
                current.id(),
                current.organization(),
                current.code(),
                draft.name().strip(),
                draft.message().strip(),
                draft.channel(),
                unique(draft.posts()),
                current.createdAt(),
                current.version());
        if (!store.update(changed, version)) {
            throw PostRefused.campaignChangedMeanwhile();
        }
        audit.record(editor.organization(), Actor.staff(editor.id()), new PublishingAudit.CampaignEdited(id));
        views.changed();
        return store.find(editor.organization(), id).orElseThrow();
    }

    /** Returns a campaign of the editor's or supervisor's organisation. */
    @Transactional(readOnly = true)
    public Campaign get(StaffPrincipal staff, CampaignId id) {
        requireReader(staff);
        return store.find(staff.organization(), id).orElseThrow(() -> new NoSuchElementException("No such campaign"));
    }

    /** Lists the organisation's campaigns, newest first. */
    @Transactional(readOnly = true)
    public List<Campaign> list(StaffPrincipal staff) {
        requireReader(staff);
        return store.list(staff.organization());
    }

    /** Returns what each of the organisation's campaigns brought, newest campaign first. */
    @Transactional(readOnly = true)
    public List<CampaignResult> results(StaffPrincipal staff) {
        requireReader(staff);
        var campaigns = store.list(staff.organization());
        if (campaigns.isEmpty()) {
            return List.of();
        }
        var today = clock.instant().atZone(zone).toLocalDate();
        var counted = store.views(staff.organization(), today.minusDays(29));
        var codes = campaigns.stream().map(Campaign::code).toList();
        var tallies = cases.campaignTallies(staff.organization(), codes);
        var rewarded = rewards.paidByCampaign(staff.organization(), codes);
        return campaigns.stream()
                .map(campaign -> {
                    var seen = counted.getOrDefault(campaign.id(), new long[2]);
                    var tally = tallies.getOrDefault(campaign.code(), new CampaignTally(0, 0));
                    return new CampaignResult(
                            campaign,
                            seen[0],
                            seen[1],
                            tally.reports(),
                            tally.substantiated(),
                            rewarded.getOrDefault(campaign.code(), 0L));
                })
                .toList();
    }

    /**
     * Follows campaign {@code code} of {@code organization}: counts one view for today when {@code
     * count}, and returns it, so its channel's form can be shown with the code; empty when there is
     * no such campaign.
     */
    @Transactional
    public Optional<Campaign> follow(OrganizationId organization, String code, boolean count) {
        if (CampaignCode.parse(code).isEmpty()) {
            return Optional.empty();
        }
        var campaign = store.byCode(organization, code);
        if (count) {
            campaign.ifPresent(found ->
                    store.countView(found.id(), clock.instant().atZone(zone).toLocalDate()));
        }
        return campaign;
    }

    /** Returns the campaign {@code post} belongs to, for its call to action. */
    @Transactional(readOnly = true)
    public Optional<Campaign> ofPost(Post post) {
        return store.ofPost(post.organization(), post.id());
    }

    /** Returns a campaign by code, for its public posters; counts nothing. */
    @Transactional(readOnly = true)
    public Optional<Campaign> byCode(OrganizationId organization, String code) {
        return CampaignCode.parse(code).flatMap(valid -> store.byCode(organization, valid.value()));
    }

    private static void requireReader(StaffPrincipal staff) {
        if (!staff.has(Role.EDITOR) && !staff.has(Role.SUPERVISOR)) {
            throw new AccessDeniedException("This needs the EDITOR or SUPERVISOR role");
        }
    }

    private HashMap<String, String> check(OrganizationId organization, CampaignDraft draft) {
        var errors = new HashMap<String, String>();
        var name = draft.name().strip();
        if (name.isEmpty() || name.length() > NAME_LIMIT || Posts.hasControl(name)) {
            errors.put("name", "error.campaign.name");
        }
        var message = draft.message().strip();
        if (message.isEmpty() || message.length() > MESSAGE_LIMIT || Posts.hasControl(message)) {
            errors.put("message", "error.campaign.message");
        }
        var channel = draft.channel();
        if (channel == null
                || channels.find(channel)
                        .filter(found -> found.organizationId().equals(organization))
                        .isEmpty()) {
            errors.put("channel", "error.campaign.channel");
        }
        if (draft.posts().size() > POST_LIMIT
                || draft.posts().stream()
                        .anyMatch(post -> posts.find(organization, post).isEmpty())) {
            errors.put("posts", "error.campaign.posts");
        }
        return errors;
    }

    private static List<PostId> unique(List<PostId> posts) {
        return List.copyOf(new LinkedHashSet<>(posts));
    }
}
