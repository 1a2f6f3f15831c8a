package org.tipline.mailbox;

import org.tipline.reports.ReportKey;

/**
 * A reporter's opened mailbox, for one request: made only by {@link Mailbox} from a receipt or a
 * live visit, never from a staff grant.
 */
public final class MailboxAccess {

    private final ReportKey key;

    MailboxAccess(ReportKey key) {
        if (key.openedBy().isPresent()) {
            throw new IllegalArgumentException("A mailbox is opened by its reporter");
        }
        this.key = key;
    }

    ReportKey key() {
        return key;
    }

    @Override
    public String toString() {
        return "MailboxAccess[redacted]";
    }
}
