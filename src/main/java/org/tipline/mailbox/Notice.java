package org.tipline.mailbox;

/** A message of a kind the rules name, which the reporter's page marks as such. */
public enum Notice {
    /** The report arrived and is being looked at; its text may be empty (the page says it). */
    ACKNOWLEDGEMENT,
    /** What was done or is planned about the report, and why. */
    FEEDBACK,
    /** A request for information, which the case waits for the reporter to answer. */
    QUESTION,
    /** A reward: what it is, how to claim it, by when, with the claim code (not the receipt). */
    REWARD
}
