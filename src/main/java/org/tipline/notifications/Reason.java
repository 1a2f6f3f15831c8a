package org.tipline.notifications;

/** Why a case needs someone. */
public enum Reason {
    NEW_REPORT,
    REPORTER_WROTE,
    ASSIGNED,
    DEADLINE_APPROACHING,
    DEADLINE_BREACHED,
    REWARD_APPROVAL,
    REWARD_NOTICE,
    REWARD_PAYOUT,
    REWARD_RELEASE
}
