package org.tipline.mailbox;

/**
 * Something a module above {@code mailbox} asks of a reporter (a disclosure of their identity, for
 * one): the follow-up page shows how many are there and links to where they are answered. Every
 * bean of this type is asked, in order.
 */
public interface ReporterRequests {

    /** Returns how many requests concern the reporter of {@code access}, and where they read them. */
    Shown shown(MailboxAccess access);

    /**
     * What the follow-up page shows: a count, a page to go to and the message key of its link
     * (given the count as its argument).
     */
    record Shown(int count, String path, String messageKey) {}
}
