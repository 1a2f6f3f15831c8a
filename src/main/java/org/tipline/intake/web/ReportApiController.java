package org.tipline.intake.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.channels.Channels;
import org.tipline.intake.ReportIntake;
import org.tipline.intake.Upload;
import org.tipline.intake.UploadRejected;
import org.tipline.intake.Uploads;
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
        var channel = channels.bySlug(slug).orElseThrow(() -> new NoSuchElementException("No such channel"));
        var contentType =
                request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
        Upload upload;
        Map<String, List<String>> answers;
        String category;
        if (contentType.startsWith("application/json")) {
            var body = json(uploads.readJson(request));
            upload = uploads.empty();
            answers = Answers.fromJson(body.get("answers"));
            category = text(body.get("category"));
        } else {
            upload = uploads.read(request);
            var report = upload.field("report");
            if (!report.isEmpty()) {
                var body = json(report.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                answers = Answers.fromJson(body.get("answers"));
                category = text(body.get("category"));
            } else {
                answers = Answers.fromFields(upload.fields());
                category = upload.field("category");
            }
        }
        try {
            var submitted = intake.submit(channel, answers, category, upload);
            return ResponseEntity.status(HttpStatus.CREATED)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .body(new ReceiptResponse(submitted.receipt().display()));
        } catch (RuntimeException e) {
            upload.discard();
            throw e;
        }
    }

    @ExceptionHandler(UploadRejected.class)
    ResponseEntity<ProblemDetail> rejected(UploadRejected e) {
        var status = Rejections.status(e);
        return Rejections.problem(status, status.getReasonPhrase(), Rejections.detail(e));
    }

    @ExceptionHandler(ReportIntake.ChannelUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable() {
        return Rejections.problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Channel unavailable",
                "This channel cannot receive reports right now.");
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

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (!node.isString()) {
            throw new InvalidInput(Map.of("category", "error.choice.invalid"));
        }
        return node.asString();
    }
}
