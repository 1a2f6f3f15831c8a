package org.tipline.intake.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.channels.Channels;
import org.tipline.intake.ReportIntake;
import org.tipline.reports.UploadRejected;
import org.tipline.reports.Uploads;
import org.tipline.shared.InvalidInput;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submission for API clients: {@code multipart/form-data} with a {@code report} JSON part (or
 * {@code answers.<key>} fields) and files as {@code files.<question>}; or plain JSON without files.
 */
@RestController
class ReportApiController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record ReceiptResponse(String receipt) {
        @Override
        public String toString() {
            return "ReceiptResponse[redacted]";
        }
    }

    private final Channels channels;
    private final Uploads uploads;
    private final ReportIntake intake;

    ReportApiController(Channels channels, Uploads uploads, ReportIntake intake) {
        this.channels = channels;
        this.uploads = uploads;
        this.intake = intake;
    }

    @PostMapping("/api/v1/channels/{slug}/reports")
    ResponseEntity<ReceiptResponse> submit(@PathVariable String slug, HttpServletRequest request) {
        return submit(null, slug, request);
    }

    @PostMapping("/api/v1/organizations/{organization}/channels/{slug}/reports")
    ResponseEntity<ReceiptResponse> submit(
            @PathVariable @Nullable String organization, @PathVariable String slug, HttpServletRequest request) {
        var channel =
                channels.published(organization, slug).orElseThrow(() -> new NoSuchElementException("No such channel"));
        var contentType =
                request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        var json = contentType.startsWith("application/json");
        try (var upload = json ? uploads.empty() : uploads.read(request)) {
            JsonNode body;
            if (json) {
                body = json(uploads.readJson(request));
            } else if (!upload.field("report").isEmpty()) {
                body = json(upload.field("report").getBytes(StandardCharsets.UTF_8));
            } else {
                body = null;
            }
            Map<String, List<String>> answers =
                    body == null ? Answers.fromFields(upload.fields()) : Answers.fromJson(body.get("answers"));
            var category = body == null ? upload.field("category") : text(body.get("category"));
            var submitted = intake.submit(channel, answers, category, upload);
            return ResponseEntity.status(HttpStatus.CREATED)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(new ReceiptResponse(submitted.receipt().display()));
        }
    }

    private static JsonNode json(byte[] bytes) {
        try {
            var node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new UploadRejected(UploadRejected.Reason.MALFORMED);
            }
            return node;
        } catch (JacksonException e) {
            throw new UploadRejected(UploadRejected.Reason.MALFORMED);
        }
    }

    private static String text(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (!node.isString()) {
            throw new InvalidInput(Map.of("category", "error.choice.invalid"));
        }
        return node.asString();
    }
}
