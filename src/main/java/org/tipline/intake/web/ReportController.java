package org.tipline.intake.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.tipline.channels.Channel;
import org.tipline.channels.Channels;
import org.tipline.intake.ReportIntake;
import org.tipline.reports.Uploads;
import org.tipline.shared.InvalidInput;

/**
 * The reporter's form at {@code /r/<organisation>/<channel>}, and at {@code /r/<channel>} for the
 * home organisation: plain HTML, no script, the receipt shown once.
 */
@Controller
class ReportController {

    private final Channels channels;
    private final Uploads uploads;
    private final ReportIntake intake;

    ReportController(Channels channels, Uploads uploads, ReportIntake intake) {
        this.channels = channels;
        this.uploads = uploads;
        this.intake = intake;
    }

    @GetMapping("/r/{slug}")
    String form(@PathVariable String slug, Model model) {
        return render(channel(null, slug), "/r/" + slug, model, Map.of(), Map.of(), "");
    }

    @GetMapping("/r/{organization}/{slug}")
    String form(@PathVariable String organization, @PathVariable String slug, Model model) {
        return render(channel(organization, slug), "/r/" + organization + "/" + slug, model, Map.of(), Map.of(), "");
    }

    @PostMapping("/r/{slug}")
    String submit(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response, Model model) {
        return submit(null, slug, request, response, model);
    }

    @PostMapping("/r/{organization}/{slug}")
    String submit(
            @PathVariable @Nullable String organization,
            @PathVariable String slug,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var channel = channel(organization, slug);
        var action = organization == null ? "/r/" + slug : "/r/" + organization + "/" + slug;
        try (var upload = uploads.read(request)) {
            var answers = Answers.fromFields(upload.fields());
            var category = upload.field("category");
            try {
                var submitted = intake.submit(channel, answers, category, upload);
                model.addAttribute("channel", channel);
                model.addAttribute("receipt", submitted.receipt().display());
                return "intake/receipt";
            } catch (InvalidInput e) {
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
                model.addAttribute("filesDropped", !upload.files().isEmpty());
                return render(channel, action, model, answers, e.fieldErrors(), category);
            }
        }
    }

    private Channel channel(@Nullable String organization, String slug) {
        return channels.published(organization, slug).orElseThrow(() -> new NoSuchElementException("No such channel"));
    }

    private static String render(
            Channel channel,
            String action,
            Model model,
            Map<String, List<String>> values,
            Map<String, String> errors,
            String category) {
        model.addAttribute("channel", channel);
        model.addAttribute("action", action);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("category", category);
        return "intake/report";
    }
}
