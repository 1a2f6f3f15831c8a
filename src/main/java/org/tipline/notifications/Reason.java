package org.tipline.notifications;

/** Why a case needs someone. */
public enum Reason {
    NEW_REPORT,
    REPORTER_WROTE,
    ASSIGNED,
    DEADLINE_APPROACHING,
    DEADLINE_BREACHED
}
