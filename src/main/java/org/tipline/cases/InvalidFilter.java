package org.tipline.cases;

import org.springframework.http.HttpStatus;
import org.tipline.shared.RequestRefused;

/** An inbox filter with an unknown value or an absurd range, named by its parameter, never echoed. Answered with 400. */
public final class InvalidFilter extends RequestRefused {

    private final String parameter;

    InvalidFilter(String parameter) {
        super(
                HttpStatus.BAD_REQUEST,
                "error.inbox.filter",
                "The inbox filter '" + parameter + "' has a value it cannot take.");
        this.parameter = parameter;
    }

    /** Returns the parameter in error. */
    public String parameter() {
        return parameter;
    }
}
