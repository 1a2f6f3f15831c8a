package org.tipline.identity;

import org.tipline.audit.AuditEvent;

/** The audited events of the identity module. */
public sealed interface IdentityAudit extends AuditEvent {

    /** An admin created the vault: k of n custodians, and whether one custodian alone was accepted. */
    record VaultCreated(int version, int k, int n, boolean singleCustodianAccepted, boolean legalRoute)
            implements IdentityAudit {
        public String action() {
            return singleCustodianAccepted && k < 2 ? "vault.created-single-custodian" : "vault.created";
        }

        public String subject() {
            return "vault:v" + version + "/" + k + "-of-" + n + (legalRoute ? "/legal-route" : "/consent-only");
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

    /**
     * A disclosure request moved a step: drafted, submitted, consent-requested, consented, denied,
     * legal-review, notice-sent, notice-waived, released, disclosed, closed, expired.
     */
    record DisclosureStep(String step, java.util.UUID request, org.tipline.reports.ReportId report)
            implements IdentityAudit {
        public String action() {
            return "disclosure." + step;
        }

        public String subject() {
            return "disclosure:" + request + "/report:" + report;
        }
    }

    /** The requester read the fields of an identity disclosed to them. */
    record IdentityRead(java.util.UUID request, org.tipline.reports.ReportId report) implements IdentityAudit {
        public String action() {
            return "identity.read";
        }

        public String subject() {
            return "disclosure:" + request + "/report:" + report;
        }
    }

    /** A reporter gave, refused or withdrew a consent of {@code kind} about {@code about}. */
    record ConsentStep(String step, String kind, java.util.UUID about, org.tipline.reports.ReportId report)
            implements IdentityAudit {
        public String action() {
            return "consent." + step;
        }

        public String subject() {
            return "consent:" + kind.toLowerCase(java.util.Locale.ROOT) + ":" + about + "/report:" + report;
        }
    }

    /** A change of custodians moved a step: proposed, released, cancelled. */
    record VaultChangeStep(String step, java.util.UUID change) implements IdentityAudit {
        public String action() {
            return "vault.change-" + step;
        }

        public String subject() {
            return "vault-change:" + change;
        }
    }

    /** The vault got a new key split k of n among its new custodians; {@code identities} were sealed to it again. */
    record VaultResplit(int version, int k, int n, int identities) implements IdentityAudit {
        public String action() {
            return "vault.resplit";
        }

        public String subject() {
            return "vault:v" + version + "/" + k + "-of-" + n + "/identities:" + identities;
        }
    }
}
