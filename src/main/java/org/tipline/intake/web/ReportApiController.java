package org.tipline.intake.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
import org.tipline.channels.ChannelId;
import org.tipline.channels.Channels;
import org.tipline.crypto.Receipt;
import org.tipline.intake.AlreadySubmitted;
import org.tipline.intake.CampaignCode;
import org.tipline.intake.ReportIntake;
import org.tipline.intake.SubmitOnce;
import org.tipline.mailbox.Mailbox;
import org.tipline.reports.UploadRejected;
import org.tipline.reports.Uploads;
import org.tipline.shared.InvalidInput;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submission for API clients: {@code multipart/form-data} with a {@code report} JSON part (or
 * {@code answers.<key>} fields) and files as {@code files.<question>}; or plain JSON without files.
 * An {@code Idempotency-Key} header makes a retry within the window return the first receipt
 * (marked {@code Idempotent-Replayed: true}) instead of a second report.
 */
@RestController
class ReportApiController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** The receipt, and by when the reporter may expect an acknowledgement and feedback. */
    record ReceiptResponse(
            String receipt,
            @Nullable Instant acknowledgementBy,
            @Nullable Instant feedbackBy) {
        @Override
        public String toString() {
            return "ReceiptResponse[redacted]";
        }
    }

    private final Channels channels;
    private final Uploads uploads;
    private final ReportIntake intake;
    private final Mailbox mailbox;

    private final org.tipline.intake.SubmissionLimits limits;

    ReportApiController(
            Channels channels,
            Uploads uploads,
            ReportIntake intake,
            Mailbox mailbox,
            org.tipline.intake.SubmissionLimits limits) {
        this.limits = limits;
        this.mailbox = mailbox;
        this.channels = channels;
        this.uploads = uploads;
        this.intake = intake;
    }

    /** A proof-of-work challenge for a submission to the channel: {@code {"challenge","bits"}}. */
    record Challenge(String challenge, int bits) {}

    @org.springframework.web.bind.annotation.GetMapping("/api/v1/channels/{slug}/challenge")
    ResponseEntity<Challenge> challenge(@PathVariable String slug) {
        return challenge(null, slug);
    }

    @org.springframework.web.bind.annotation.GetMapping(
            "/api/v1/organizations/{organization}/channels/{slug}/challenge")
    ResponseEntity<Challenge> challenge(@PathVariable @Nullable String organization, @PathVariable String slug) {
        var channel =
                channels.published(organization, slug).orElseThrow(() -> new NoSuchElementException("No such channel"));
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new Challenge(limits.challenge(channel.id()), limits.proofOfWorkBits()));
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
        var guard = guard(request, channel.id());
        limits.checkProof(channel.id(), request.getHeader(org.tipline.intake.SubmissionLimits.HEADER));
        // the address is only hashed in memory under a key replaced daily, never stored or logged
        limits.count(channel.id(), request.getRemoteAddr(), ReportController.onion(request));
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
            var category = body == null ? upload.field("category") : text(body.get("category"), "category");
            var campaignText = body == null ? upload.field("campaign") : text(body.get("campaign"), "campaign");
            var campaign = CampaignCode.parse(campaignText);
            if (campaignText != null && !campaignText.isEmpty() && campaign.isEmpty()) {
                throw new InvalidInput(Map.of("campaign", "error.campaign.code"));
            }
            try {
                var open = body == null
                        ? "true".equals(upload.field("openIdentity"))
                        : body.get("openIdentity") != null
                                && body.get("openIdentity").asBoolean(false);
                var submitted = intake.submit(channel, answers, category, campaign.orElse(null), upload, guard, open);
                return created(submitted.receipt(), false);
            } catch (AlreadySubmitted e) {
                return created(
                        e.receipt()
                                .orElseThrow(
                                        () -> new IllegalStateException("A spent idempotency key holds no receipt")),
                        true);
            }
        }
    }

    /**
     * Returns the guard of a request's {@code Idempotency-Key}, or null without one.
     *
     * @throws InvalidInput if the header is not 1 to 255 visible ASCII characters, or repeated
     */
    private static SubmitOnce.@Nullable Guard guard(HttpServletRequest request, ChannelId channel) {
        var values = java.util.Collections.list(request.getHeaders(IDEMPOTENCY_KEY));
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1 || !SubmitOnce.IdempotencyKey.isValid(values.getFirst())) {
            throw new InvalidInput(Map.of(IDEMPOTENCY_KEY, "error.idempotency-key.invalid"));
        }
        return new SubmitOnce.IdempotencyKey(channel, values.getFirst());
    }

    private ResponseEntity<ReceiptResponse> created(Receipt receipt, boolean replayed) {
        var response = ResponseEntity.status(HttpStatus.CREATED).header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (replayed) {
            response.header("Idempotent-Replayed", "true");
        }
        var expected = mailbox.expected(receipt).orElse(new Mailbox.Expected(null, null));
        return response.body(
                new ReceiptResponse(receipt.display(), expected.acknowledgementBy(), expected.feedbackBy()));
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

    private static String text(@Nullable JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (!node.isString()) {
            throw new InvalidInput(Map.of(field, "error.choice.invalid"));
        }
        return node.asString();
    }
}
