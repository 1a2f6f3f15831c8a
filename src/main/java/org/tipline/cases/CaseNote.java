package org.tipline.cases;

import java.time.Instant;
import java.util.UUID;
import org.tipline.shared.StaffId;

/** An internal note on a case, opened: staff-only, never shown to the reporter. */
public record CaseNote(UUID id, StaffId author, String authorName, Instant writtenAt, String body) {
    @Override
    public String toString() {
        return "CaseNote[id=" + id + "]";
    }
}
