package org.tipline.shared.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Renders errors that no controller handled: problem JSON under {@code /api/}, an HTML page
 * elsewhere, whatever the client accepts. Never a stack trace, never the exception's message.
 */
@Controller
class ErrorPages implements ErrorController {

    @RequestMapping("/error")
    Object error(HttpServletRequest request) {
        var status = status(request);
        if (isApi(request)) {
            var problem = ProblemDetail.forStatus(status);
            problem.setTitle(status.getReasonPhrase());
            problem.setDetail(detail(status));
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        var page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("messageKey", messageKey(status));
        return page;
    }

    private static boolean isApi(HttpServletRequest request) {
        var uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri != null && uri.startsWith("/api/");
    }

    private static HttpStatus status(HttpServletRequest request) {
        var code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        var resolved = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return resolved == null ? HttpStatus.INTERNAL_SERVER_ERROR : resolved;
    }

    static String messageKey(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "error.page.not-found";
            case FORBIDDEN -> "error.page.forbidden";
            case CONTENT_TOO_LARGE -> "error.page.too-large";
            case TOO_MANY_REQUESTS -> "error.page.too-many";
            case REQUEST_TIMEOUT -> "error.upload.too-slow";
            case BAD_REQUEST -> "error.page.bad-request";
            default -> status.is4xxClientError() ? "error.page.bad-request" : "error.page.server";
        };
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "There is nothing here.";
            case FORBIDDEN -> "Your roles do not allow this.";
            case CONTENT_TOO_LARGE -> "The request is larger than this server accepts.";
            case TOO_MANY_REQUESTS -> "Too many attempts. Wait a while and try again.";
            case REQUEST_TIMEOUT -> "The request arrived too slowly.";
            default ->
                status.is4xxClientError()
                        ? "The request could not be understood."
                        : "Something went wrong on our side.";
        };
    }
}
