package org.tipline.shared;

import java.util.ArrayList;
import java.util.List;

/**
 * What a module declares about the paths it serves, as a bean: which anyone may reach without
 * logging in, and which of those are reporter pages (no script at all, no staff cookie honoured).
 * The one security filter chain applies every module's declaration, so a new module never edits
 * another module's configuration.
 *
 * @param open path patterns (Spring's {@code PathPattern} syntax) anyone may reach
 * @param reporterPages path patterns of pages that reporters see
 * @param streamedForms path patterns of staff forms posted as multipart bodies that their controller
 *     reads as they stream in, checking the anti-forgery token (the first part) itself with {@link
 *     StaffMultipart}; the filter, which would have to buffer the body, leaves them alone
 */
public record PathSecurity(List<String> open, List<String> reporterPages, List<String> streamedForms) {

    public PathSecurity {
        open = List.copyOf(open);
        reporterPages = List.copyOf(reporterPages);
        streamedForms = List.copyOf(streamedForms);
    }

    /** Declares {@code patterns} open to anyone. */
    public static PathSecurity open(String... patterns) {
        return new PathSecurity(List.of(patterns), List.of(), List.of());
    }

    /** Declares {@code patterns} open to anyone and rendered as reporter pages. */
    public static PathSecurity reporterPages(String... patterns) {
        return new PathSecurity(List.of(patterns), List.of(patterns), List.of());
    }

    /** Returns this declaration with {@code patterns} also open to anyone. */
    public PathSecurity andOpen(String... patterns) {
        var all = new ArrayList<>(open);
        all.addAll(List.of(patterns));
        return new PathSecurity(all, reporterPages, streamedForms);
    }

    /** Returns this declaration with {@code patterns} as staff forms that check their own token. */
    public PathSecurity andStreamedForms(String... patterns) {
        var all = new ArrayList<>(streamedForms);
        all.addAll(List.of(patterns));
        return new PathSecurity(open, reporterPages, all);
    }
}
