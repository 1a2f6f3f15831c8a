package org.tipline.audit;

/**
 * A row failed its integrity tag: someone with write access to the database changed who reports
 * are sealed to. Recorded in a transaction of its own, shown to the organisation's admins.
 *
 * @param subject what failed, such as {@code staff:<id>} or {@code channel:<id>}
 */
public record IntegrityAlert(String subject) implements AuditEvent {

    @Override
    public String action() {
        return "integrity.alert";
    }
}
