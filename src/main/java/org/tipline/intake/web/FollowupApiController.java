package org.tipline.intake.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.intake.MailboxAccess;
import org.tipline.intake.ReceiptRejected;
import org.tipline.intake.ReportThread;
import org.tipline.intake.ReporterMailbox;
import org.tipline.intake.UploadRejected;
import org.tipline.intake.Uploads;
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
            List<ReportThread.Attachment> attachments,
            List<MessageResponse> messages) {}

    record MessageResponse(UUID id, String from, String body, Instant at, List<ReportThread.Attachment> attachments) {}

    private final ReporterMailbox mailbox;
    private final Uploads uploads;

    FollowupApiController(ReporterMailbox mailbox, Uploads uploads) {
        this.mailbox = mailbox;
        this.uploads = uploads;
    }

    @GetMapping("/api/v1/followup")
    ResponseEntity<MailboxResponse> mailbox(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        var content = mailbox.read(receipt(authorization));
        var messages = content.messages().stream()
                .map(m -> new MessageResponse(
                        m.id(), m.fromReporter() ? "reporter" : "staff", m.body(), m.at(), m.attachments()))
                .toList();
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new MailboxResponse(
                        content.status(),
                        content.receivedAt(),
                        content.category(),
                        content.answers(),
                        content.reportAttachments(),
                        messages));
    }

    @PostMapping("/api/v1/followup/messages")
    ResponseEntity<Void> reply(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
            HttpServletRequest request) {
        var access = open(authorization);
        var contentType =
                request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
        var upload = contentType.startsWith("application/json") ? uploads.empty() : uploads.read(request);
        try {
            String message;
            if (contentType.startsWith("application/json")) {
                var body = JSON.readTree(uploads.readJson(request));
                var node = body == null ? null : body.get("message");
                message = node != null && node.isString() ? node.asString() : "";
            } else {
                message = upload.field("message");
            }
            mailbox.reply(access, message, upload);
            return ResponseEntity.status(HttpStatus.CREATED).build();
        } catch (JacksonException e) {
            upload.discard();
            throw new UploadRejected(UploadRejected.Reason.MALFORMED);
        } catch (RuntimeException e) {
            upload.discard();
            throw e;
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

    @ExceptionHandler(ReceiptRejected.class)
    ResponseEntity<ProblemDetail> rejected() {
        var response = Rejections.problem(
                HttpStatus.UNAUTHORIZED,
                "Receipt not valid",
                "Send a valid receipt as 'Authorization: Receipt <receipt>'.");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Receipt")
                .contentType(response.getHeaders().getContentType())
                .body(response.getBody());
    }

    @ExceptionHandler(UploadRejected.class)
    ResponseEntity<ProblemDetail> uploadRejected(UploadRejected e) {
        var status = Rejections.status(e);
        return Rejections.problem(status, status.getReasonPhrase(), Rejections.detail(e));
    }

    private MailboxAccess open(@Nullable String authorization) {
        return mailbox.open(receipt(authorization));
    }

    private static String receipt(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Receipt ", 0, 8)) {
            throw new ReceiptRejected();
        }
        return authorization.substring(8).strip();
    }
}
