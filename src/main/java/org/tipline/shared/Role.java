package org.tipline.shared;

/** What a staff member may do in their organisation; one person may hold several roles. */
public enum Role {
    /** Organisation settings: channels, questionnaires, staff. */
    ADMIN,
    /** Reads and works the cases granted to them. */
    HANDLER,
    /** Assigns and reassigns cases, watches deadlines; sees every case's metadata, opens only what is granted. */
    SUPERVISOR,
    /** Writes, translates and publishes posts and campaigns on the organisation's public account. */
    EDITOR,
    /** Holds one share of the organisation's identity vault; k custodians together open one identity. */
    CUSTODIAN,
    /** Approves reward proposals (never one they assessed), as many as the policy's approval matrix asks for. */
    APPROVER,
    /**
     * Prepares and releases reward payouts (one prepares, another releases) and alone opens the
     * payout details a reporter gives when claiming.
     */
    PAYOUT_OFFICER,
    /** Runs the installation: creates organisations and invites their first admins; sees none of their data. */
    OPERATOR;

    /** Returns the Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
