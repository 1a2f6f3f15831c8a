package org.tipline.audit;

import org.jspecify.annotations.Nullable;

/**
 * Something worth an audit entry, as a typed value: each module declares its own events as records
 * implementing this (e.g. {@code CaseAudit.Opened(caseId)}). Events carry ids, never content.
 */
public interface AuditEvent {

    /** Returns the stable, dotted name of the action, such as {@code case.opened}. */
    String action();

    /** Returns the object acted on, such as {@code case:<id>}, or null when there is none. */
    @Nullable
    String subject();
}
