package org.tipline.shared;

import java.util.Map;

/**
 * A request refused for its content, with a message key per field; nothing was changed.
 */
public final class InvalidInput extends RuntimeException {

    private final Map<String, String> fieldErrors;

    /** Creates the error; {@code fieldErrors} maps a field name to a message key. */
    public InvalidInput(Map<String, String> fieldErrors) {
        super("Invalid input in " + fieldErrors.keySet());
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    /** Returns the message key of each field in error. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
