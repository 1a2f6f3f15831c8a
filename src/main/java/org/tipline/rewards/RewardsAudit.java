package org.tipline.rewards;

import java.util.UUID;
import org.tipline.audit.AuditEvent;

/** The audited events of rewards: each move of a reward, and each opening of payout details. */
public sealed interface RewardsAudit extends AuditEvent {

    /** A reward moved to {@code state} (its amount, if any, is in the ledger, not here). */
    record Moved(UUID reward, Reward.State state) implements RewardsAudit {
        @Override
        public String action() {
            return "reward." + state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        @Override
        public String subject() {
            return "reward:" + reward;
        }
    }

    /** The reporter was shown a new claim code for a reward (the code is not recorded). */
    record CodeIssued(UUID reward) implements RewardsAudit {
        @Override
        public String action() {
            return "reward.claim-code";
        }

        @Override
        public String subject() {
            return "reward:" + reward;
        }
    }

    /** The claim window was extended. */
    record Extended(UUID reward) implements RewardsAudit {
        @Override
        public String action() {
            return "reward.claim-extended";
        }

        @Override
        public String subject() {
            return "reward:" + reward;
        }
    }

    /** A reward's certificate was issued, delivered or revoked. */
    record CertificateMoved(UUID reward, Certificates.State state) implements RewardsAudit {
        @Override
        public String action() {
            return "certificate." + state.name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public String subject() {
            return "reward:" + reward;
        }
    }

    /** A payout officer read the payout details a reporter gave. */
    record PayoutRead(UUID reward) implements RewardsAudit {
        @Override
        public String action() {
            return "reward.payout-read";
        }

        @Override
        public String subject() {
            return "reward:" + reward;
        }
    }
}
