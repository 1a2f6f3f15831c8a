package org.tipline.accounts;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.tipline.audit.AuditEvent;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;

/** The audited events of accounts: set-up, organisations, staff and their sessions. */
public sealed interface AccountsAudit extends AuditEvent {

    /** An admin set or removed the organisation's logo. */
    record LogoChanged(OrganizationId organization) implements AccountsAudit {
        public String action() {
            return "organization.logo-changed";
        }

        public String subject() {
            return "organization:" + organization;
        }
    }

    /** First-run set-up created {@code organization}. */
    record SetupCompleted(OrganizationId organization) implements AccountsAudit {
        public String action() {
            return "setup.completed";
        }

        public String subject() {
            return "organization:" + organization;
        }
    }

    /** A set-up attempt with a wrong or used code, or after set-up. */
    record SetupRefused() implements AccountsAudit {
        public String action() {
            return "setup.refused";
        }

        public @Nullable String subject() {
            return null;
        }
    }

    /** The installation operator created {@code organization}. */
    record OrganizationCreated(OrganizationId organization) implements AccountsAudit {
        public String action() {
            return "organization.created";
        }

        public String subject() {
            return "organization:" + organization;
        }
    }

    /** Someone was invited to join. */
    record StaffInvited(UUID invitation) implements AccountsAudit {
        public String action() {
            return "staff.invited";
        }

        public String subject() {
            return "invitation:" + invitation;
        }
    }

    /** An invitation was accepted and its account created. */
    record StaffJoined(UUID invitation) implements AccountsAudit {
        public String action() {
            return "staff.joined";
        }

        public String subject() {
            return "invitation:" + invitation;
        }
    }

    /** A member's roles were replaced. */
    record RolesChanged(StaffId member) implements AccountsAudit {
        public String action() {
            return "staff.roles-changed";
        }

        public String subject() {
            return "staff:" + member;
        }
    }

    /** A member logged in. */
    record LoggedIn(StaffId member) implements AccountsAudit {
        public String action() {
            return "staff.logged-in";
        }

        public String subject() {
            return "staff:" + member;
        }
    }

    /** A member logged out. */
    record LoggedOut(StaffId member) implements AccountsAudit {
        public String action() {
            return "staff.logged-out";
        }

        public String subject() {
            return "staff:" + member;
        }
    }

    /** An admin deactivated a member: sessions ended, grants removed. */
    record Deactivated(StaffId member) implements AccountsAudit {
        public String action() {
            return "staff.deactivated";
        }

        public String subject() {
            return "staff:" + member;
        }
    }

    /** A member changed their password; their private key was sealed again. */
    record PasswordChanged(StaffId member) implements AccountsAudit {
        public String action() {
            return "staff.password-changed";
        }

        public String subject() {
            return "staff:" + member;
        }
    }

    /** A member recovered their account with their recovery code: new password, authenticator and code. */
    record Recovered(StaffId member) implements AccountsAudit {
        public String action() {
            return "staff.recovered";
        }

        public String subject() {
            return "staff:" + member;
        }
    }

    /** A recovery attempt failed; the actor says whose account, or anonymous for an unknown address. */
    record FailedRecovery() implements AccountsAudit {
        public String action() {
            return "staff.recovery-failed";
        }

        public @Nullable String subject() {
            return null;
        }
    }

    /** A login failed; the actor says whose account, or anonymous for an unknown address. */
    record FailedLogin() implements AccountsAudit {
        public String action() {
            return "staff.login-failed";
        }

        public @Nullable String subject() {
            return null;
        }
    }
}
