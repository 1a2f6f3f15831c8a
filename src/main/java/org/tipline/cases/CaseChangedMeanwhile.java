package org.tipline.cases;

import org.springframework.http.HttpStatus;
import org.tipline.shared.RequestRefused;

/** Someone else changed the case since it was read; nothing was changed. Answered with 409. */
public final class CaseChangedMeanwhile extends RequestRefused {

    CaseChangedMeanwhile() {
        super(
                HttpStatus.CONFLICT,
                "error.case.changed",
                "The case was changed by someone else meanwhile. Reload it and try again.");
    }
}
