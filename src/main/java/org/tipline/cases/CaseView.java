package org.tipline.cases;

import java.util.List;
import org.tipline.channels.PolicyProfile;
import org.tipline.channels.Questionnaire;
import org.tipline.mailbox.Message;
import org.tipline.reports.Report;
import org.tipline.shared.StaffId;

/**
 * A case as its handler works it: the summary, the aggregate with its workflow details, its
 * deadlines, the policy version it runs on, who may work it, the opened report, its questionnaire,
 * the thread with the reporter, the internal notes and the linked cases.
 */
public record CaseView(
        CaseSummary summary,
        Case details,
        List<Deadline> deadlines,
        PolicyProfile policy,
        List<Member> members,
        Report report,
        Questionnaire questionnaire,
        List<Message> thread,
        List<CaseNote> notes,
        List<CaseLink> links,
        boolean identityInVault) {
    /** Someone who holds the case's key, and whether they are its assignee. */
    public record Member(StaffId id, String name, boolean assignee) {}

    @Override
    public String toString() {
        return "CaseView[case=" + summary.id() + "]";
    }
}
