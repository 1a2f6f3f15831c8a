package org.tipline.cases;

/** How urgent a case is, as its handlers judge it. */
public enum Priority {
    LOW,
    NORMAL,
    HIGH,
    URGENT
}
