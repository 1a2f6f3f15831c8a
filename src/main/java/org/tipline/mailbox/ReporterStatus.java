package org.tipline.mailbox;

/**
 * What the reporter is told about their report, in plain language. Case handling sets it through
 * {@link Mailbox#setStatus}; the internal workflow state stays with the case.
 */
public enum ReporterStatus {
    /** The report arrived; nobody has confirmed it yet. */
    RECEIVED,
    /** Receipt was confirmed to the reporter. */
    ACKNOWLEDGED,
    /** Someone is looking into it. */
    IN_PROGRESS,
    /** A question waits for the reporter's answer. */
    AWAITING_REPORTER,
    /** Handling has finished; the outcome is in the thread. */
    CONCLUDED,
    /** Closed without further handling, with the reasons in the thread. */
    CLOSED
}
