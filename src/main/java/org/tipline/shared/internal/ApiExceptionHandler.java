package org.tipline.shared.internal;

import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.tipline.shared.IntegrityFailure;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.RequestRefused;
import org.tipline.shared.TooManyRequests;

/**
 * Turns exceptions from JSON controllers into RFC 9457 problem details. Field errors carry message
 * keys, never the submitted values; unexpected errors are logged by type only, never by message.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInput e) {
        var problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid input", "Some fields are not acceptable.");
        problem.setProperty("errors", e.fieldErrors());
        return respond(problem);
    }

    @ExceptionHandler(RequestRefused.class)
    ResponseEntity<ProblemDetail> refused(RequestRefused e) {
        return respond(problem(e.status(), e.status().getReasonPhrase(), e.detail()));
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<ProblemDetail> notFound(NoSuchElementException e) {
        return respond(problem(HttpStatus.NOT_FOUND, "Not found", "There is nothing here."));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return respond(problem(HttpStatus.FORBIDDEN, "Forbidden", "Your roles do not allow this."));
    }

    @ExceptionHandler(TooManyRequests.class)
    ResponseEntity<ProblemDetail> throttled(TooManyRequests e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, "60")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", "Wait a while and try again."));
    }

    @ExceptionHandler(IntegrityFailure.class)
    ResponseEntity<ProblemDetail> integrity(IntegrityFailure e) {
        // a stored ciphertext did not open with a key that should open it: tampering or corruption
        log.error("Sealed data failed its integrity check");
        return respond(problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "Integrity check failed", "Stored data could not be opened."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected {} in an API call", e.getClass().getName());
        return respond(
                problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "Something went wrong on our side."));
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(
                        HttpStatus.CONTENT_TOO_LARGE, "Too large", "The request is larger than this server accepts."));
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
