package org.tipline.intake.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.view.RedirectView;
import org.tipline.channels.Channel;
import org.tipline.channels.Channels;
import org.tipline.channels.QuestionType;
import org.tipline.intake.AlreadySubmitted;
import org.tipline.intake.CampaignCode;
import org.tipline.intake.ReportIntake;
import org.tipline.intake.SubmitOnce;
import org.tipline.mailbox.Mailbox;
import org.tipline.mailbox.ReporterPages;
import org.tipline.reports.Uploads;
import org.tipline.shared.InvalidInput;

/**
 * The reporter's form at {@code /r/<organisation>/<channel>}, and at {@code /r/<channel>} for the
 * home organisation: plain HTML, no script. A post is answered with a redirect to a page that
 * shows the receipt once (post/redirect/get), and the form's token makes a replayed post answer
 * "already sent" instead of sending the report again.
 */
@Controller
class ReportController {

    static final String TOKEN_FIELD = "form_token";
    static final String CAMPAIGN_FIELD = "campaign";

    private final Channels channels;
    private final Uploads uploads;
    private final ReportIntake intake;
    private final SubmitOnce once;
    private final ReporterPages pages;
    private final Mailbox mailbox;
    private final org.tipline.identity.Identities identities;

    private final org.tipline.intake.SubmissionLimits limits;

    ReportController(
            Channels channels,
            Uploads uploads,
            ReportIntake intake,
            SubmitOnce once,
            ReporterPages pages,
            Mailbox mailbox,
            org.tipline.identity.Identities identities,
            org.tipline.intake.SubmissionLimits limits) {
        this.limits = limits;
        this.identities = identities;
        this.mailbox = mailbox;
        this.pages = pages;
        this.channels = channels;
        this.uploads = uploads;
        this.intake = intake;
        this.once = once;
    }

    @GetMapping("/r/{slug}")
    String form(
            @PathVariable String slug,
            @RequestParam(name = "c", required = false) @Nullable String campaign,
            Model model) {
        return form(null, slug, campaign, model);
    }

    @GetMapping("/r/{organization}/{slug}")
    String form(
            @PathVariable @Nullable String organization,
            @PathVariable String slug,
            @RequestParam(name = "c", required = false) @Nullable String campaign,
            Model model) {
        model.addAttribute(
                CAMPAIGN_FIELD,
                CampaignCode.parse(campaign).map(CampaignCode::value).orElse(null));
        return render(channel(organization, slug), action(organization, slug), model, Map.of(), Map.of(), "");
    }

    @PostMapping("/r/{slug}")
    Object submit(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response, Model model) {
        return submit(null, slug, request, response, model);
    }

    @PostMapping("/r/{organization}/{slug}")
    Object submit(
            @PathVariable @Nullable String organization,
            @PathVariable String slug,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var channel = channel(organization, slug);
        var action = action(organization, slug);
        // the address is only hashed in memory under a key replaced daily, never stored or logged
        limits.count(channel.id(), request.getRemoteAddr(), onion(request));
        try (var upload = uploads.read(request)) {
            var answers = Answers.fromFields(upload.fields());
            var category = upload.field("category");
            var token = upload.field(TOKEN_FIELD);
            // a code that is not one (only a hand-edited form sends it) counts for nothing
            var campaign = CampaignCode.parse(upload.field(CAMPAIGN_FIELD)).orElse(null);
            model.addAttribute(CAMPAIGN_FIELD, campaign == null ? null : campaign.value());
            try {
                if (once.check(token) != SubmitOnce.TokenState.VALID) {
                    throw new InvalidInput(Map.of(TOKEN_FIELD, "report.form-expired"));
                }
                var submitted = intake.submit(
                        channel,
                        answers,
                        category,
                        campaign,
                        upload,
                        new SubmitOnce.FormToken(token),
                        "true".equals(upload.field("openIdentity")));
                return seeOther(action + "/receipt/" + submitted.pickup());
            } catch (AlreadySubmitted e) {
                if (e.pickup().isPresent()) {
                    return seeOther(action + "/receipt/" + e.pickup().get());
                }
                response.setStatus(HttpStatus.CONFLICT.value());
                model.addAttribute("channel", channel);
                model.addAttribute("action", action);
                pages.describe(channel, model);
                return "intake/already-sent";
            } catch (InvalidInput e) {
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
                model.addAttribute("filesDropped", !upload.files().isEmpty());
                return render(channel, action, model, answers, e.fieldErrors(), category);
            }
        }
    }

    @GetMapping("/r/{slug}/receipt/{pickup}")
    String receipt(@PathVariable String slug, @PathVariable String pickup, HttpServletResponse response, Model model) {
        return receipt(null, slug, pickup, response, model);
    }

    /** Shows the receipt of a report just sent, once: a reload finds nothing and says why. */
    @GetMapping("/r/{organization}/{slug}/receipt/{pickup}")
    String receipt(
            @PathVariable @Nullable String organization,
            @PathVariable String slug,
            @PathVariable String pickup,
            HttpServletResponse response,
            Model model) {
        var channel = channel(organization, slug);
        model.addAttribute("channel", channel);
        model.addAttribute("action", action(organization, slug));
        pages.describe(channel, model);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        var receipt = once.pickUp(pickup);
        if (receipt.isEmpty()) {
            response.setStatus(HttpStatus.GONE.value());
            return "intake/receipt-gone";
        }
        model.addAttribute("receipt", receipt.get().display());
        model.addAttribute("expected", mailbox.expected(receipt.get()).orElse(null));
        return "intake/receipt";
    }

    static View seeOther(String path) {
        var redirect = new RedirectView(path, true);
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        redirect.setExposeModelAttributes(false);
        return redirect;
    }

    private Channel channel(@Nullable String organization, String slug) {
        return channels.published(organization, slug).orElseThrow(() -> new NoSuchElementException("No such channel"));
    }

    private static String action(@Nullable String organization, String slug) {
        return organization == null ? "/r/" + slug : "/r/" + organization + "/" + slug;
    }

    /** A line of the error summary: the element it leads to, the question's label, the message key. */
    record ErrorLink(String target, String label, String message) {}

    private static List<ErrorLink> errorLinks(Channel channel, Map<String, String> errors) {
        var links = new java.util.ArrayList<ErrorLink>();
        for (var question : channel.questionnaire().questions()) {
            var error = errors.get("answers." + question.key());
            if (error != null) {
                var target =
                        question.type() == QuestionType.FILES ? "files." + question.key() : "answers." + question.key();
                links.add(new ErrorLink(
                        target, question.label(LocaleContextHolder.getLocale().toLanguageTag()), error));
            }
        }
        if (errors.containsKey("category")) {
            links.add(new ErrorLink("category", "", errors.get("category")));
        }
        if (errors.containsKey("files")) {
            links.add(new ErrorLink(firstFileField(channel), "", errors.get("files")));
        }
        if (errors.containsKey(TOKEN_FIELD)) {
            links.add(new ErrorLink("send", "", errors.get(TOKEN_FIELD)));
        }
        return links;
    }

    private static String firstFileField(Channel channel) {
        return channel.questionnaire().fileQuestions().stream()
                .findFirst()
                .map(question -> "files." + question.key())
                .orElse("report-form");
    }

    private String render(
            Channel channel,
            String action,
            Model model,
            Map<String, List<String>> values,
            Map<String, String> errors,
            String category) {
        model.addAttribute("channel", channel);
        model.addAttribute("action", action);
        model.addAttribute("values", values);
        model.addAttribute("errors", new LinkedHashMap<>(errors));
        model.addAttribute("category", category);
        model.addAttribute("errorLinks", errorLinks(channel, errors));
        model.addAttribute("firstFileField", firstFileField(channel));
        model.addAttribute("formToken", once.issueFormToken());
        // identity questions are asked only where there is a vault to keep the answers from handlers
        model.addAttribute(
                "identityOpen", channel.questionnaire().asksIdentity() && identities.canKeep(channel.organizationId()));
        pages.describe(channel, model);
        return "intake/report";
    }

    /** Returns whether the request came to the onion address (all its visitors share one source). */
    static boolean onion(HttpServletRequest request) {
        var host = request.getServerName();
        return host != null && host.toLowerCase(java.util.Locale.ROOT).endsWith(".onion");
    }
}
