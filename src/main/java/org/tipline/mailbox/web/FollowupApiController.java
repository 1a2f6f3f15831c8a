package org.tipline.mailbox.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.mailbox.Mailbox;
import org.tipline.mailbox.MailboxAccess;
import org.tipline.reports.Report;
import org.tipline.reports.UploadRejected;
import org.tipline.reports.Uploads;
import org.tipline.shared.Downloads;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reporter's mailbox for API clients. The receipt travels in the {@code Authorization: Receipt
 * <receipt>} header of every call, never in a URL.
 */
@RestController
class FollowupApiController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record MailboxResponse(
            String status,
            Instant receivedAt,
            @Nullable String category,
            Map<String, List<String>> answers,
            List<Report.Attachment> attachments,
            List<MessageResponse> messages,
            @Nullable Instant acknowledgementBy,
            @Nullable Instant feedbackBy) {}

    /** A message of the thread; {@code notice} names a notice's kind (ACKNOWLEDGEMENT, FEEDBACK, QUESTION). */
    record MessageResponse(
            UUID id,
            String from,
            String body,
            Instant at,
            List<Report.Attachment> attachments,
            @Nullable String notice) {}

    private final Mailbox mailbox;
    private final Uploads uploads;

    FollowupApiController(Mailbox mailbox, Uploads uploads) {
        this.mailbox = mailbox;
        this.uploads = uploads;
    }

    @GetMapping("/api/v1/followup")
    ResponseEntity<MailboxResponse> mailbox(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        var view = mailbox.view(open(authorization));
        var report = view.report();
        var messages = view.messages().stream()
                .map(m -> new MessageResponse(
                        m.id(),
                        m.fromReporter() ? "reporter" : "staff",
                        m.body(),
                        m.at(),
                        m.attachments(),
                        m.notice() == null ? null : m.notice().name()))
                .toList();
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new MailboxResponse(
                        view.status().name(),
                        report.receivedAt(),
                        report.category(),
                        report.answers(),
                        report.attachments(),
                        messages,
                        view.acknowledgementBy(),
                        view.feedbackBy()));
    }

    @PostMapping("/api/v1/followup/messages")
    ResponseEntity<Void> reply(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            HttpServletRequest request) {
        var access = open(authorization);
        var contentType =
                request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        var json = contentType.startsWith("application/json");
        try (var upload = json ? uploads.empty() : uploads.read(request)) {
            var message = json ? message(uploads.readJson(request)) : upload.field("message");
            mailbox.reply(access, message, upload);
            return ResponseEntity.status(HttpStatus.CREATED).build();
        }
    }

    @GetMapping("/api/v1/followup/attachments/{id}")
    ResponseEntity<InputStreamResource> attachment(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            @PathVariable UUID id) {
        var opened = mailbox.attachment(open(authorization), id);
        return Downloads.attachment(
                opened.attachment().name(), opened.attachment().size(), opened.content());
    }

    private MailboxAccess open(@Nullable String authorization) {
        return mailbox.openAuthorization(authorization);
    }

    private static String message(byte[] body) {
        try {
            var node = JSON.readTree(body);
            var message = node == null ? null : node.get("message");
            return message != null && message.isString() ? message.asString() : "";
        } catch (JacksonException e) {
            throw new UploadRejected(UploadRejected.Reason.MALFORMED);
        }
    }
}
