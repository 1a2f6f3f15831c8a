package org.tipline.reports;

import java.util.UUID;

/** The id of a submitted report. */
public record ReportId(UUID value) {

    /** Returns a fresh random id. */
    public static ReportId random() {
        return new ReportId(UUID.randomUUID());
    }

    /** Returns the audit subject of this report, {@code report:<id>}. */
    public String subject() {
        return "report:" + value;
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
