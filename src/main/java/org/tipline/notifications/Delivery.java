package org.tipline.notifications;

/** How a staff member wants to hear that a case needs them. */
public enum Delivery {
    /** One mail each time. */
    IMMEDIATE,
    /** One mail a day listing them. */
    DAILY,
    /** No mail. */
    OFF
}
