package org.tipline.mailbox.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.tipline.mailbox.ReceiptRejected;

/**
 * A receipt that opens nothing, for every API call that takes one (the mailbox's and those of the
 * modules above it): 401 with a {@code Receipt} challenge, saying nothing about why.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReceiptProblems {

    @ExceptionHandler(ReceiptRejected.class)
    ResponseEntity<ProblemDetail> rejected() {
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNAUTHORIZED, "Send a valid receipt as 'Authorization: Receipt <receipt>'.");
        problem.setTitle("Receipt not valid");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Receipt")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
