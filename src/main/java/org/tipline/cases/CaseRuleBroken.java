package org.tipline.cases;

import org.springframework.http.HttpStatus;
import org.tipline.shared.RequestRefused;

/**
 * A move the case's state allows but its rules do not yet: triage without a retaliation-risk
 * assessment, a waiver the policy does not allow, a second extension. The case is unchanged.
 * Answered with 409.
 */
public final class CaseRuleBroken extends RequestRefused {

    CaseRuleBroken(String messageKey, String detail) {
        super(HttpStatus.CONFLICT, messageKey, detail);
    }

    static CaseRuleBroken needsRiskAssessment(CaseState state) {
        return new CaseRuleBroken(
                "error.case.needs-risk-assessment",
                "A case in state " + state + " cannot leave triage without a retaliation-risk assessment.");
    }
}
