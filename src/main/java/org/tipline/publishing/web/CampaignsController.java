package org.tipline.publishing.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.tipline.accounts.Organizations;
import org.tipline.channels.ChannelId;
import org.tipline.channels.Channels;
import org.tipline.publishing.Campaign;
import org.tipline.publishing.CampaignDraft;
import org.tipline.publishing.CampaignId;
import org.tipline.publishing.Campaigns;
import org.tipline.publishing.PostId;
import org.tipline.publishing.Posts;
import org.tipline.publishing.internal.Posters;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.Languages;
import org.tipline.shared.PublicLinks;
import org.tipline.shared.Role;
import org.tipline.shared.StaffPrincipal;

/**
 * The editors' campaigns: a list with each campaign's results, a form to create or change one (its
 * posts chosen from the organisation's), its link, and its printable posters (PDF on A4 or A3, PNG
 * for screens) in any language the pages have. Works without script.
 */
@Controller
class CampaignsController {

    /** What the form sends, as text, so that a refused form comes back as it was typed. */
    record CampaignForm(
            String code,
            String name,
            String message,
            String channel,
            @Nullable List<String> posts) {

        @SuppressWarnings("ConstantValue")
        CampaignForm {
            code = code == null ? "" : code;
            name = name == null ? "" : name;
            message = message == null ? "" : message;
            channel = channel == null ? "" : channel;
            posts = posts == null ? List.of() : List.copyOf(posts);
        }

        static CampaignForm of(Campaign campaign) {
            return new CampaignForm(
                    campaign.code(),
                    campaign.name(),
                    campaign.message(),
                    campaign.channel().toString(),
                    campaign.posts().stream().map(PostId::toString).toList());
        }

        CampaignDraft draft() {
            try {
                return new CampaignDraft(
                        name,
                        message,
                        channel.isBlank() ? null : new ChannelId(UUID.fromString(channel.strip())),
                        posts.stream()
                                .map(id -> new PostId(UUID.fromString(id.strip())))
                                .toList());
            } catch (IllegalArgumentException e) {
                throw new InvalidInput(Map.of("posts", "error.campaign.posts"));
            }
        }
    }

    private final Campaigns campaigns;
    private final Posts posts;
    private final Channels channels;
    private final Organizations organizations;
    private final Posters posters;
    private final PublicLinks links;
    private final MessageSource messages;

    CampaignsController(
            Campaigns campaigns,
            Posts posts,
            Channels channels,
            Organizations organizations,
            Posters posters,
            PublicLinks links,
            MessageSource messages) {
        this.campaigns = campaigns;
        this.posts = posts;
        this.channels = channels;
        this.organizations = organizations;
        this.posters = posters;
        this.links = links;
        this.messages = messages;
    }

    @GetMapping("/campaigns")
    String list(@AuthenticationPrincipal StaffPrincipal staff, Model model) {
        model.addAttribute("results", campaigns.results(staff));
        model.addAttribute("editor", staff.has(Role.EDITOR));
        return "publishing/campaigns";
    }

    @GetMapping("/campaigns/new")
    String create(@AuthenticationPrincipal StaffPrincipal editor, Model model) {
        return render(editor, model, null, new CampaignForm("", "", "", "", List.of()), Map.of(), null);
    }

    @PostMapping("/campaigns/new")
    String create(
            @AuthenticationPrincipal StaffPrincipal editor,
            CampaignForm form,
            Model model,
            HttpServletResponse response) {
        try {
            var created = campaigns.create(editor, form.code(), form.draft());
            return "redirect:/campaigns/" + created.id() + "?saved";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(editor, model, null, form, e.fieldErrors(), null);
        }
    }

    @GetMapping("/campaigns/{id}")
    String edit(
            @AuthenticationPrincipal StaffPrincipal editor,
            @PathVariable UUID id,
            HttpServletRequest request,
            Model model) {
        var campaign = campaigns.get(editor, new CampaignId(id));
        return render(editor, model, campaign, CampaignForm.of(campaign), Map.of(), request);
    }

    @PostMapping("/campaigns/{id}")
    String edit(
            @AuthenticationPrincipal StaffPrincipal editor,
            @PathVariable UUID id,
            @RequestParam long version,
            CampaignForm form,
            HttpServletRequest request,
            Model model,
            HttpServletResponse response) {
        var current = campaigns.get(editor, new CampaignId(id));
        try {
            campaigns.edit(editor, current.id(), version, form.draft());
            return "redirect:/campaigns/" + id + "?saved";
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(editor, model, current, form, e.fieldErrors(), request);
        }
    }

    /** The campaign's poster as a PDF; {@code paper} A4 (the default), A3, or A5 and A6 for cards, {@code lang} any language the pages have. */
    @GetMapping("/campaigns/{id}/poster.pdf")
    ResponseEntity<byte[]> pdf(
            @AuthenticationPrincipal StaffPrincipal staff,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "A4") String paper,
            @RequestParam(required = false) @Nullable String lang,
            HttpServletRequest request) {
        var size = java.util.Arrays.stream(Posters.Paper.values())
                .filter(known -> known.name().equalsIgnoreCase(paper))
                .findFirst()
                .orElseThrow(() -> new InvalidInput(Map.of("paper", "error.campaign.paper")));
        var campaign = campaigns.get(staff, new CampaignId(id));
        var content = content(campaign, language(lang), request);
        return download(posters.pdf(content, size), MediaType.APPLICATION_PDF, campaign.code() + "-" + size + ".pdf");
    }

    /** The campaign's poster as a PNG for screens. */
    @GetMapping("/campaigns/{id}/poster.png")
    ResponseEntity<byte[]> png(
            @AuthenticationPrincipal StaffPrincipal staff,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String lang,
            HttpServletRequest request) {
        var campaign = campaigns.get(staff, new CampaignId(id));
        var content = content(campaign, language(lang), request);
        return download(posters.png(content, 150), MediaType.IMAGE_PNG, campaign.code() + ".png");
    }

    private Posters.Content content(Campaign campaign, Locale language, HttpServletRequest request) {
        var organization = organizations.get(campaign.organization());
        var channel = channels.find(campaign.channel()).orElseThrow();
        return new Posters.Content(
                language,
                organization.name(),
                campaign.message(),
                messages.getMessage("poster.scan", null, language),
                links.link(request, "/r/{organization}/{channel}", organization.slug(), channel.slug()),
                messages.getMessage("poster.note", null, language),
                links.link(request, "/o/{organization}/c/{code}", organization.slug(), campaign.code()));
    }

    private static Locale language(@Nullable String lang) {
        return lang != null && Languages.isSupported(lang) ? Languages.resolve(lang, null) : Locale.ENGLISH;
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String name) {
        return ResponseEntity.ok()
                .contentType(type)
                .cacheControl(CacheControl.noStore())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }

    private String render(
            StaffPrincipal editor,
            Model model,
            @Nullable Campaign campaign,
            CampaignForm form,
            Map<String, String> errors,
            @Nullable HttpServletRequest request) {
        editor.require(Role.EDITOR);
        model.addAttribute("campaign", campaign);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("channels", channels.published(editor.organization()));
        model.addAttribute("posts", posts.desk(editor));
        model.addAttribute("languages", Languages.SUPPORTED_TAGS);
        if (campaign != null && request != null) {
            var organization = organizations.get(campaign.organization());
            model.addAttribute(
                    "link", links.link(request, "/o/{organization}/c/{code}", organization.slug(), campaign.code()));
        }
        return "publishing/campaign";
    }
}
