package org.tipline.cases.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.tipline.cases.Case;
import org.tipline.cases.CaseCommand;
import org.tipline.cases.Deadline;
import org.tipline.cases.Outcome;
import org.tipline.cases.RetaliationRisk;
import org.tipline.channels.PolicyRules;
import org.tipline.shared.InvalidInput;

/**
 * The actions pages and API clients take on a case, by the name in their address
 * ({@code /cases/{id}/actions/start-triage}), read into commands from the same fields either way.
 */
final class CaseActions {

    /** Every action's name, as in addresses and in the texts that describe it. */
    static final List<String> NAMES = List.of(
            "acknowledge",
            "waive-acknowledgement",
            "start-triage",
            "assess-risk",
            "investigate",
            "request-information",
            "address",
            "give-feedback",
            "conclude",
            "refer",
            "close",
            "archive",
            "extend-feedback");

    private CaseActions() {}

    /** What an action may carry; each action reads what it needs. */
    record Fields(
            @Nullable Long version,
            @Nullable String message,
            @Nullable String reason,
            @Nullable String justification,
            @Nullable String level,
            @Nullable String outcome,
            @Nullable String to) {}

    /**
     * Returns the command an action names.
     *
     * @throws NoSuchElementException if there is no such action
     * @throws InvalidInput if a choice it needs is missing or not one of the allowed values
     */
    static CaseCommand command(String action, Fields fields) {
        return switch (action) {
            case "acknowledge" -> new CaseCommand.Acknowledge(text(fields.message()));
            case "waive-acknowledgement" ->
                new CaseCommand.WaiveAcknowledgement(text(fields.reason()), text(fields.justification()));
            case "start-triage" -> new CaseCommand.StartTriage();
            case "assess-risk" -> new CaseCommand.AssessRisk(choice(RetaliationRisk.class, "level", fields.level()));
            case "investigate" -> new CaseCommand.Investigate();
            case "request-information" -> new CaseCommand.RequestInformation(text(fields.message()));
            case "address" -> new CaseCommand.Address();
            case "give-feedback" -> new CaseCommand.GiveFeedback(text(fields.message()));
            case "conclude" ->
                new CaseCommand.Conclude(choice(Outcome.class, "outcome", fields.outcome()), text(fields.message()));
            case "refer" -> new CaseCommand.Refer(text(fields.to()), text(fields.message()));
            case "close" -> new CaseCommand.Close(text(fields.reason()), text(fields.message()));
            case "archive" -> new CaseCommand.Archive();
            case "extend-feedback" -> new CaseCommand.ExtendFeedback(text(fields.justification()));
            default -> throw new NoSuchElementException("No such action");
        };
    }

    /** Returns the actions a case allows now, in the order a handler would usually take them. */
    static List<String> available(Case current, PolicyRules rules, List<Deadline> deadlines) {
        var actions = new ArrayList<String>();
        switch (current.state()) {
            case RECEIVED -> {
                actions.add("acknowledge");
                if (rules.acknowledgementWaivable()
                        && deadlines.stream()
                                .anyMatch(deadline -> deadline.kind() == Deadline.Kind.ACKNOWLEDGEMENT
                                        && deadline.status() == Deadline.Status.OPEN)) {
                    actions.add("waive-acknowledgement");
                }
            }
            case ACKNOWLEDGED, ACK_WAIVED -> actions.add("start-triage");
            case TRIAGE -> actions.addAll(List.of("assess-risk", "investigate", "refer", "close"));
            case INVESTIGATING -> actions.addAll(List.of("request-information", "address", "assess-risk"));
            case AWAITING_REPORTER -> actions.addAll(List.of("investigate", "assess-risk"));
            case ADDRESSING -> actions.addAll(List.of("conclude", "assess-risk"));
            case CONCLUDED, REFERRED, CLOSED_NO_ACTION -> actions.add("archive");
            case ARCHIVED, PURGED -> {}
        }
        if (current.takesFeedback()) {
            actions.add("give-feedback");
        }
        var extendable = rules.feedbackExtendableTo() != null
                && !current.isClosed()
                && deadlines.stream()
                        .noneMatch(deadline -> deadline.kind() == Deadline.Kind.FEEDBACK
                                && deadline.status() == Deadline.Status.EXTENDED)
                && deadlines.stream()
                        .anyMatch(deadline ->
                                deadline.kind() == Deadline.Kind.FEEDBACK && deadline.status() == Deadline.Status.OPEN);
        if (extendable) {
            actions.add("extend-feedback");
        }
        return actions;
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(Map.of(field, "error.required"));
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(Map.of(field, "error.case.choice"));
        }
    }
}
