package org.tipline.identity;

import org.tipline.audit.AuditEvent;

/** The audited events of the identity module. */
public sealed interface IdentityAudit extends AuditEvent {

    /** An admin created the vault: k of n custodians, and whether one custodian alone was accepted. */
    record VaultCreated(int version, int k, int n, boolean singleCustodianAccepted) implements IdentityAudit {
        public String action() {
            return singleCustodianAccepted && k < 2 ? "vault.created-single-custodian" : "vault.created";
        }

        public String subject() {
            return "vault:v" + version + "/" + k + "-of-" + n;
        }
    }

    /** A reporter gave their identity after sending an anonymous report; it was sealed to the vault. */
    record IdentityGiven(org.tipline.reports.ReportId report) implements IdentityAudit {
        public String action() {
            return "identity.given";
        }

        public String subject() {
            return "report:" + report;
        }
    }
}
