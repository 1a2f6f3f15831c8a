package org.tipline.audit;

import org.tipline.shared.StaffId;

/**
 * Who did an audited action, as stored: {@code staff:<id>}, {@code reporter}, {@code system} or
 * {@code anonymous} (someone not identified, such as a failed login for an unknown address).
 */
public record Actor(String name) {

    /** A reporter, never identified further. */
    public static final Actor REPORTER = new Actor("reporter");

    /** Tipline itself, e.g. a scheduled job. */
    public static final Actor SYSTEM = new Actor("system");

    /** Someone not identified. */
    public static final Actor ANONYMOUS = new Actor("anonymous");

    /** Returns the actor that stands for a staff member. */
    public static Actor staff(StaffId id) {
        return new Actor("staff:" + id.value());
    }
}
