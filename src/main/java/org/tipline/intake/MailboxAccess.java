package org.tipline.intake;

import org.tipline.accounts.OrganizationId;
import org.tipline.crypto.ContentKey;

/** A reporter's opened mailbox: which report, and its key, for one request. */
public record MailboxAccess(ReportId report, OrganizationId organization, ContentKey key) {
    @Override
    public String toString() {
        return "MailboxAccess[redacted]";
    }
}
