package org.tipline.channels.web;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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
import org.tipline.channels.Channel;
import org.tipline.channels.ChannelDraft;
import org.tipline.channels.ChannelId;
import org.tipline.channels.ChannelText;
import org.tipline.channels.Channels;
import org.tipline.channels.Questionnaire;
import org.tipline.crypto.Receipt;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;

/** Channels for API clients: the public description for reporters, and administration. */
@RestController
class ChannelApiController {

    /** What a reporter's client needs to build the form. */
    record PublicChannel(
            String slug,
            String name,
            String publicText,
            String whoReads,
            String retention,
            String language,
            Map<String, ChannelText> translations,
            String receiptFormat,
            Questionnaire questionnaire) {}

    /** A channel as its admin sees it. */
    record ChannelResponse(
            UUID id,
            String slug,
            String name,
            String publicText,
            String whoReads,
            String retention,
            String language,
            Map<String, ChannelText> translations,
            Map<String, List<String>> missingTranslations,
            String receiptFormat,
            int questionnaireVersion,
            Questionnaire questionnaire,
            List<UUID> recipients) {
        static ChannelResponse of(Channel channel) {
            return new ChannelResponse(
                    channel.id().value(),
                    channel.slug(),
                    channel.name(),
                    channel.publicText(),
                    channel.whoReads(),
                    channel.retention(),
                    channel.language(),
                    channel.translations(),
                    channel.missingTranslations(),
                    channel.receiptFormat().name(),
                    channel.questionnaireVersion(),
                    channel.questionnaire(),
                    channel.recipients().stream().map(StaffId::value).toList());
        }
    }

    /** A channel as an admin submits it. */
    record ChannelRequest(
            @Nullable String slug,
            @Nullable String name,
            @Nullable String publicText,
            @Nullable String whoReads,
            @Nullable String retention,
            @Nullable String language,
            @Nullable Map<String, ChannelText> translations,
            @Nullable String receiptFormat,
            @Nullable Questionnaire questionnaire,
            @Nullable List<UUID> recipients) {
        ChannelDraft draft() {
            return new ChannelDraft(
                    slug == null ? "" : slug,
                    name == null ? "" : name,
                    publicText == null ? "" : publicText,
                    whoReads == null ? "" : whoReads,
                    retention == null ? "" : retention,
                    language == null ? "en" : language,
                    translations == null ? Map.of() : translations,
                    "DIGITS".equals(receiptFormat) ? Receipt.Format.DIGITS : Receipt.Format.LETTERS,
                    questionnaire == null ? new Questionnaire(List.of(), List.of()) : questionnaire,
                    recipients == null
                            ? List.of()
                            : recipients.stream().map(StaffId::new).toList());
        }
    }

    private final Channels channels;

    ChannelApiController(Channels channels) {
        this.channels = channels;
    }

    @GetMapping("/api/v1/channels/{slug}")
    PublicChannel channel(@PathVariable String slug) {
        return describe(null, slug);
    }

    @GetMapping("/api/v1/organizations/{organization}/channels/{slug}")
    PublicChannel channel(@PathVariable String organization, @PathVariable String slug) {
        return describe(organization, slug);
    }

    private PublicChannel describe(@Nullable String organization, String slug) {
        var channel =
                channels.published(organization, slug).orElseThrow(() -> new NoSuchElementException("No such channel"));
        return new PublicChannel(
                channel.slug(),
                channel.name(),
                channel.publicText(),
                channel.whoReads(),
                channel.retention(),
                channel.language(),
                channel.translations(),
                channel.receiptFormat().name(),
                channel.questionnaire());
    }

    @GetMapping("/api/v1/admin/channels")
    List<ChannelResponse> list(@AuthenticationPrincipal StaffPrincipal admin) {
        admin.require(Role.ADMIN);
        return channels.list(admin).stream().map(ChannelResponse::of).toList();
    }

    @GetMapping("/api/v1/admin/channels/{id}")
    ChannelResponse get(@AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id) {
        admin.require(Role.ADMIN);
        return ChannelResponse.of(channels.get(admin, new ChannelId(id)));
    }

    @PostMapping("/api/v1/admin/channels")
    @ResponseStatus(HttpStatus.CREATED)
    ChannelResponse create(@AuthenticationPrincipal StaffPrincipal admin, @RequestBody ChannelRequest request) {
        admin.require(Role.ADMIN);
        return ChannelResponse.of(channels.create(admin, request.draft()));
    }

    @PutMapping("/api/v1/admin/channels/{id}")
    ChannelResponse update(
            @AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id, @RequestBody ChannelRequest request) {
        admin.require(Role.ADMIN);
        return ChannelResponse.of(channels.update(admin, new ChannelId(id), request.draft()));
    }

    /** A routing rule for API clients: a category, or a choice question and one of its options; recipients. */
    record RouteBody(
            @Nullable String category,
            @Nullable String question,
            @Nullable String answer,
            @Nullable List<UUID> recipients) {
        static RouteBody of(org.tipline.channels.Route route) {
            return new RouteBody(
                    route.category(),
                    route.question(),
                    route.answer(),
                    route.recipients().stream().map(StaffId::value).toList());
        }

        org.tipline.channels.Route route() {
            return new org.tipline.channels.Route(
                    category,
                    question,
                    answer,
                    recipients == null
                            ? List.of()
                            : recipients.stream().map(StaffId::new).toList());
        }
    }

    @GetMapping("/api/v1/admin/channels/{id}/routes")
    List<RouteBody> routes(@AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id) {
        return channels.get(admin, new ChannelId(id)).routes().stream()
                .map(RouteBody::of)
                .toList();
    }

    @PutMapping("/api/v1/admin/channels/{id}/routes")
    List<RouteBody> setRoutes(
            @AuthenticationPrincipal StaffPrincipal admin, @PathVariable UUID id, @RequestBody List<RouteBody> routes) {
        return channels
                .setRoutes(
                        admin,
                        new ChannelId(id),
                        routes.stream()
                                .map(route -> route == null ? new RouteBody(null, null, null, null) : route)
                                .map(RouteBody::route)
                                .toList())
                .routes()
                .stream()
                .map(RouteBody::of)
                .toList();
    }
}
