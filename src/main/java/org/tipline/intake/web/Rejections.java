package org.tipline.intake.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.tipline.intake.UploadRejected;

/** How a rejected request body is answered, on a page and in the API. */
final class Rejections {

    private Rejections() {}

    static HttpStatus status(UploadRejected e) {
        return e.reason() == UploadRejected.Reason.TOO_LARGE || e.reason() == UploadRejected.Reason.TOO_MANY_FILES
                ? HttpStatus.CONTENT_TOO_LARGE
                : HttpStatus.BAD_REQUEST;
    }

    static String messageKey(UploadRejected e) {
        return switch (e.reason()) {
            case TOO_LARGE -> "error.upload.too-large";
            case TOO_MANY_FILES -> "error.upload.too-many-files";
            case MALFORMED -> "error.upload.malformed";
            case INVALID_UTF8 -> "error.upload.invalid-utf8";
        };
    }

    static String detail(UploadRejected e) {
        return switch (e.reason()) {
            case TOO_LARGE -> "The request or one of its files is larger than this server accepts.";
            case TOO_MANY_FILES -> "The request has more files than this server accepts.";
            case MALFORMED -> "The request body could not be read.";
            case INVALID_UTF8 -> "A text field is not valid UTF-8.";
        };
    }

    static String page(UploadRejected e, HttpServletResponse response, Model model) {
        var status = status(e);
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("messageKey", messageKey(e));
        return "error";
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
