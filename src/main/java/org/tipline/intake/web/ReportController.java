package org.tipline.intake.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.tipline.channels.Channel;
import org.tipline.channels.Channels;
import org.tipline.intake.ReportIntake;
import org.tipline.intake.UploadRejected;
import org.tipline.intake.Uploads;
import org.tipline.shared.InvalidInput;

/** The reporter's form at {@code /r/<slug>}: plain HTML, no script, the receipt shown once. */
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
        return render(channel(slug), model, Map.of(), Map.of(), "");
    }

    @PostMapping("/r/{slug}")
    String submit(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response, Model model) {
        var channel = channel(slug);
        var upload = uploads.read(request);
        var answers = Answers.fromFields(upload.fields());
        var category = upload.field("category");
        try {
            var submitted = intake.submit(channel, answers, category, upload);
            model.addAttribute("channel", channel);
            model.addAttribute("receipt", submitted.receipt().display());
            return "intake/receipt";
        } catch (InvalidInput e) {
            upload.discard();
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("filesDropped", !upload.files().isEmpty());
            return render(channel, model, answers, e.fieldErrors(), category);
        } catch (RuntimeException e) {
            upload.discard();
            throw e;
        }
    }

    @ExceptionHandler(UploadRejected.class)
    String rejected(UploadRejected e, HttpServletResponse response, Model model) {
        return Rejections.page(e, response, model);
    }

    @ExceptionHandler(ReportIntake.ChannelUnavailable.class)
    String unavailable(HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        model.addAttribute("status", 503);
        model.addAttribute("messageKey", "error.channel.unavailable");
        return "error";
    }

    private Channel channel(String slug) {
        return channels.bySlug(slug).orElseThrow(() -> new NoSuchElementException("No such channel"));
    }

    private static String render(
            Channel channel,
            Model model,
            Map<String, List<String>> values,
            Map<String, String> errors,
            String category) {
        model.addAttribute("channel", channel);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("category", category);
        return "intake/report";
    }
}
