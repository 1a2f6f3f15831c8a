package org.tipline.cases;

/**
 * What a handler asks of a case: one move of its workflow, or a change beside it (a risk
 * assessment, feedback, an extension). {@link CaseManagement#act} carries it out in one
 * transaction, against the case's version the handler saw.
 */
public sealed interface CaseCommand {

    /** Confirms receipt to the reporter, with an optional personal note. */
    record Acknowledge(String message) implements CaseCommand {}

    /** Decides not to acknowledge, for a reason of the policy, with a justification. */
    record WaiveAcknowledgement(String reason, String justification) implements CaseCommand {}

    /** Starts assessing the report. */
    record StartTriage() implements CaseCommand {}

    /** Records the retaliation-risk assessment. */
    record AssessRisk(RetaliationRisk level) implements CaseCommand {}

    /** Starts the investigation, or resumes it without waiting longer for the reporter. */
    record Investigate() implements CaseCommand {}

    /** Asks the reporter for information; the case waits for their answer. */
    record RequestInformation(String question) implements CaseCommand {}

    /** Starts addressing what the investigation found. */
    record Address() implements CaseCommand {}

    /** Tells the reporter what was done or is planned, and why; meets the feedback deadline. */
    record GiveFeedback(String message) implements CaseCommand {}

    /** Concludes the case with its outcome and tells the reporter. */
    record Conclude(Outcome outcome, String message) implements CaseCommand {}

    /** Refers the case to the competent body and tells the reporter. */
    record Refer(String to, String message) implements CaseCommand {}

    /** Closes the case without action, for a reason of the policy, and tells the reporter. */
    record Close(String reason, String message) implements CaseCommand {}

    /** Archives a finished case. */
    record Archive() implements CaseCommand {}

    /** Extends the feedback deadline as far as the policy allows, with a justification. */
    record ExtendFeedback(String justification) implements CaseCommand {}
}
