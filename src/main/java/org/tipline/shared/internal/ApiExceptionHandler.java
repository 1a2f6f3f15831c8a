package org.tipline.shared.internal;

import java.net.URI;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
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
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.HandlerMapping;
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
        var response = respond(problem(e.status(), e.status().getReasonPhrase(), e.detail()));
        return e.retryAfterSeconds() == 0
                ? response
                : ResponseEntity.status(response.getStatusCode())
                        .headers(response.getHeaders())
                        .header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()))
                        .body(response.getBody());
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
                .body(respond(problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", "Wait a while and try again."))
                        .getBody());
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
                .body(respond(problem(
                                HttpStatus.CONTENT_TOO_LARGE,
                                "Too large",
                                "The request is larger than this server accepts."))
                        .getBody());
    }

    /**
     * Spring's own problems (type mismatches, unreadable bodies, missing parameters): the detail of
     * a type mismatch names the parameter, never its value, and no problem names the request's path.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            if (e instanceof TypeMismatchException mismatch) {
                var name = mismatch instanceof MethodArgumentTypeMismatchException argument
                        ? argument.getName()
                        : mismatch.getPropertyName();
                problem.setDetail("The value of '" + (name == null ? "a parameter" : name) + "' is not valid.");
            }
            problem.setInstance(route(request));
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    /**
     * Returns the route that answered, such as {@code /api/v1/cases/{id}}: a problem's instance
     * must not repeat the path, which carries what the client sent.
     */
    private static URI route(RequestAttributes request) {
        var pattern =
                request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return URI.create(
                pattern instanceof String matched ? matched.replace("{", "%7B").replace("}", "%7D") : "/");
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        var request = RequestContextHolder.getRequestAttributes();
        problem.setInstance(request == null ? URI.create("/") : route(request));
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
