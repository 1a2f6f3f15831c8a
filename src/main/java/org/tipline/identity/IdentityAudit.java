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
}
