package org.tipline.cases;

import java.util.UUID;

/** The id of a case. */
public record CaseId(UUID value) {

    @Override
    public String toString() {
        return value.toString();
    }
}
