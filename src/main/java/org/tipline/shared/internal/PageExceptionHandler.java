package org.tipline.shared.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.NoSuchElementException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.RequestRefused;
import org.tipline.shared.TooManyRequests;

/** Renders the error page for exceptions from HTML controllers. */
@ControllerAdvice(annotations = Controller.class)
class PageExceptionHandler {

    @ExceptionHandler(RequestRefused.class)
    String refused(RequestRefused e, HttpServletResponse response, Model model) {
        response.setStatus(e.status().value());
        if (e.retryAfterSeconds() > 0) {
            response.setHeader("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        model.addAttribute("status", e.status().value());
        model.addAttribute("messageKey", e.messageKey());
        return "error";
    }

    @ExceptionHandler({TypeMismatchException.class, MissingServletRequestParameterException.class})
    String badRequest(HttpServletResponse response, Model model) {
        return page(HttpStatus.BAD_REQUEST, response, model);
    }

    /** Input a page's controller did not take back to its form (a bad query parameter): its first message. */
    @ExceptionHandler(InvalidInput.class)
    String invalid(InvalidInput e, HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("status", HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute(
                "messageKey",
                e.fieldErrors().values().stream()
                        .sorted()
                        .findFirst()
                        .orElse(ErrorPages.messageKey(HttpStatus.UNPROCESSABLE_CONTENT)));
        return "error";
    }

    @ExceptionHandler(NoSuchElementException.class)
    String notFound(HttpServletResponse response, Model model) {
        return page(HttpStatus.NOT_FOUND, response, model);
    }

    @ExceptionHandler(AccessDeniedException.class)
    String forbidden(HttpServletResponse response, Model model) {
        return page(HttpStatus.FORBIDDEN, response, model);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(HttpServletResponse response, Model model) {
        return page(HttpStatus.CONTENT_TOO_LARGE, response, model);
    }

    @ExceptionHandler(MultipartException.class)
    String badMultipart(HttpServletResponse response, Model model) {
        return page(HttpStatus.BAD_REQUEST, response, model);
    }

    @ExceptionHandler(TooManyRequests.class)
    String tooMany(HttpServletResponse response, Model model) {
        response.setHeader("Retry-After", "60");
        return page(HttpStatus.TOO_MANY_REQUESTS, response, model);
    }

    private static String page(HttpStatus status, HttpServletResponse response, Model model) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("messageKey", ErrorPages.messageKey(status));
        return "error";
    }
}
