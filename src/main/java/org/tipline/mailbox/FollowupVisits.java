package org.tipline.mailbox;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.tipline.accounts.SealedSessions;
import org.tipline.crypto.ContentKey;
import org.tipline.crypto.CryptoException;
import org.tipline.reports.ReportId;
import org.tipline.reports.Reports;

/**
 * A reporter's follow-up visit in a browser, so that the receipt is typed once per visit and never
 * stored: a {@link SealedSessions} session that holds the report key wrapped under a key only the
 * visit's cookie carries.
 */
@Component
class FollowupVisits {

    private final SealedSessions sessions;
    private final Reports reports;
    private final SealedSessions.Timeouts timeouts;

    FollowupVisits(SealedSessions sessions, Reports reports, MailboxProperties properties) {
        this.sessions = sessions;
        this.reports = reports;
        this.timeouts = new SealedSessions.Timeouts(properties.visitIdle(), properties.visitAbsolute());
    }

    /** Starts a visit of an opened mailbox and returns the cookie value. */
    String start(MailboxAccess access) {
        var key = access.key();
        return sessions.start(
                        SealedSessions.Kind.REPORTER_VISIT,
                        key.organization(),
                        key.report().value(),
                        timeouts,
                        (sessionKey, context) -> key.wrapUnder(sessionKey, context))
                .token();
    }

    /** Returns the mailbox of a live visit. */
    Optional<MailboxAccess> resolve(@Nullable String cookie) {
        return sessions.resolve(SealedSessions.Kind.REPORTER_VISIT, cookie, Wrapped::new)
                .flatMap(live -> {
                    var wrapped = live.secret();
                    try {
                        return Optional.of(new MailboxAccess(reports.reopen(
                                new ReportId(live.holder()),
                                live.organization(),
                                wrapped.sessionKey(),
                                wrapped.key(),
                                wrapped.context())));
                    } catch (CryptoException e) {
                        return Optional.empty();
                    }
                });
    }

    /** Ends a visit. */
    void end(@Nullable String cookie) {
        sessions.end(SealedSessions.Kind.REPORTER_VISIT, cookie);
    }

    /** Returns the anti-forgery token of a visit, for its forms. */
    String formToken(@Nullable String cookie) {
        return sessions.formToken(SealedSessions.Kind.REPORTER_VISIT, cookie);
    }

    /** The report key as a visit's row holds it, with what reopens it. */
    /** Ends every visit of {@code report}'s mailbox. */
    void endAll(org.tipline.reports.ReportId report) {
        sessions.endAll(SealedSessions.Kind.REPORTER_VISIT, report.value());
    }

    private record Wrapped(ContentKey sessionKey, byte[] key, String context) {}
}
