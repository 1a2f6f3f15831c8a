package org.tipline.cases;

import org.springframework.http.HttpStatus;
import org.tipline.shared.RequestRefused;

/** A move the case's current state does not allow; the case is unchanged. Answered with 409. */
public final class IllegalTransition extends RequestRefused {

    private final CaseState from;
    private final CaseState to;

    /** Creates the refusal of a move from {@code from} to {@code to}. */
    public IllegalTransition(CaseState from, CaseState to) {
        super(HttpStatus.CONFLICT, "error.case.transition", "A case in state " + from + " cannot move to " + to + ".");
        this.from = from;
        this.to = to;
    }

    /** Returns the state the case is in. */
    public CaseState from() {
        return from;
    }

    /** Returns the state that was asked for. */
    public CaseState to() {
        return to;
    }
}
