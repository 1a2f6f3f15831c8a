package org.tipline.cases;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.tipline.shared.StaffPrincipal;

/**
 * A table that a module above {@code cases} adds to the supervisor overview (campaign results, for
 * one): the overview lists every bean of this type, in order, after its own figures. Numbers only,
 * like the rest of the overview.
 */
public interface OverviewSection {

    /** Returns the table {@code supervisor} sees, or empty when there is nothing to show. */
    Optional<Table> table(StaffPrincipal supervisor);

    /**
     * A table: its caption and column headers are message keys; its cells are shown as text. With a
     * chart, the overview also draws it as bars above the table.
     *
     * @param id the table's element id on the page
     */
    record Table(
            String id,
            String caption,
            List<String> headers,
            List<List<String>> rows,
            @Nullable Chart chart) {
        public Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
        }

        /** A table without a chart. */
        public Table(String id, String caption, List<String> headers, List<List<String>> rows) {
            this(id, caption, headers, rows, null);
        }
    }

    /**
     * Bars to draw: a caption (a message key), and a label (shown as text) and a value for each bar.
     */
    record Chart(String caption, List<String> labels, List<Long> values) {
        public Chart {
            labels = List.copyOf(labels);
            values = List.copyOf(values);
            if (labels.size() != values.size()) {
                throw new IllegalArgumentException("A label for each value");
            }
        }
    }
}
