package org.tipline.reports;

import org.springframework.http.HttpStatus;
import org.tipline.shared.RequestRefused;

/** A request body that could not be accepted as it is; nothing was kept. */
public final class UploadRejected extends RequestRefused {

    /** Why the body was refused. */
    public enum Reason {
        TOO_LARGE(
                HttpStatus.CONTENT_TOO_LARGE,
                "error.upload.too-large",
                "The request or one of its files is larger than this server accepts."),
        TOO_MANY_FILES(
                HttpStatus.CONTENT_TOO_LARGE,
                "error.upload.too-many-files",
                "The request has more files than this server accepts."),
        TOO_MANY_PARTS(
                HttpStatus.CONTENT_TOO_LARGE,
                "error.upload.too-many-parts",
                "The request has more fields and files than this server accepts."),
        TOO_SLOW(
                HttpStatus.REQUEST_TIMEOUT, "error.upload.too-slow", "The request arrived too slowly and was stopped."),
        MALFORMED(HttpStatus.BAD_REQUEST, "error.upload.malformed", "The request body could not be read."),
        INVALID_UTF8(HttpStatus.BAD_REQUEST, "error.upload.invalid-utf8", "A text field is not valid UTF-8."),
        REFUSED_TYPE(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "error.upload.refused-type",
                "A file is a program, or an archive with a program inside; such files are not accepted."),
        UNREADABLE_FILE(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "error.upload.unreadable",
                "A file looks like an image or PDF but could not be read, so its hidden details could not be removed."
                        + " It was not kept."),
        BUSY(
                HttpStatus.SERVICE_UNAVAILABLE,
                "error.upload.busy",
                "Too many files are being cleaned right now; send again in a minute.");

        private final HttpStatus status;
        private final String messageKey;
        private final String detail;

        Reason(HttpStatus status, String messageKey, String detail) {
            this.status = status;
            this.messageKey = messageKey;
            this.detail = detail;
        }
    }

    private final Reason reason;

    /** Creates the rejection. */
    public UploadRejected(Reason reason) {
        super(reason.status, reason.messageKey, reason.detail);
        this.reason = reason;
    }

    /** Returns why the body was refused. */
    public Reason reason() {
        return reason;
    }
}
