package org.tipline.notifications.internal;

import java.util.List;
import java.util.Map;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.tipline.notifications.Reason;
import org.tipline.shared.PublicLinks;

/**
 * Writes the mails: a case reference, why it needs the reader, and where to open it. Nothing
 * else — no channel, category, answer, message or anything of the reporter — so a mailbox or a
 * mail server that leaks reveals only that a case exists.
 */
public final class Mails {

    private static final Map<Reason, String> WHY = Map.of(
            Reason.NEW_REPORT, "a new report arrived",
            Reason.REPORTER_WROTE, "the reporter wrote",
            Reason.ASSIGNED, "it was assigned to you",
            Reason.DEADLINE_APPROACHING, "a deadline is near",
            Reason.DEADLINE_BREACHED, "a deadline was missed",
            Reason.REWARD_APPROVAL, "a reward waits for your approval",
            Reason.REWARD_NOTICE, "a reward was approved: tell the reporter",
            Reason.REWARD_PAYOUT, "a reward was claimed: prepare the payout",
            Reason.REWARD_RELEASE, "a payout waits to be released");

    private final JavaMailSender sender;
    private final PublicLinks links;
    private final String from;

    public Mails(JavaMailSender sender, PublicLinks links, String from) {
        this.sender = sender;
        this.links = links;
        this.from = from;
    }

    /** Sends one notification. */
    public void one(String to, Outbox.Pending pending) {
        var mail = new SimpleMailMessage();
        mail.setFrom(from);
        mail.setTo(to);
        mail.setSubject("Tipline: case " + pending.reference() + " needs you");
        mail.setText("Case " + pending.reference() + " needs you: " + WHY.get(pending.reason()) + ".\n\n" + "Open it: "
                + where(pending) + "\n\n" + FOOTER);
        sender.send(mail);
    }

    /** Sends a member's daily digest of {@code pending}. */
    public void digest(String to, List<Outbox.Pending> pending) {
        var text = new StringBuilder("These cases need you:\n\n");
        for (var item : pending) {
            text.append("- ")
                    .append(item.reference())
                    .append(": ")
                    .append(WHY.get(item.reason()))
                    .append(" — ")
                    .append(where(item))
                    .append('\n');
        }
        var mail = new SimpleMailMessage();
        mail.setFrom(from);
        mail.setTo(to);
        mail.setSubject("Tipline: " + pending.size() + (pending.size() == 1 ? " case needs" : " cases need") + " you");
        mail.setText(text.append('\n').append(FOOTER).toString());
        sender.send(mail);
    }

    private String where(Outbox.Pending pending) {
        if (pending.reward() != null) {
            return links.link("/rewards/{id}", pending.reward()).orElse("/rewards/" + pending.reward());
        }
        return links.link("/cases/{id}", pending.caseId().value())
                .orElse("/cases/" + pending.caseId().value());
    }

    private static final String FOOTER =
            "This message says nothing about the report on purpose: log in to Tipline to read it.\n"
                    + "You can choose daily digests or no mail under Account, Notifications.";
}
