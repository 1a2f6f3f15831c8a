package org.tipline.rewards;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.tipline.shared.StaffId;

/**
 * The reward ledger's rows as read: every amount proposed, approved, paid or recovered (append-only;
 * amounts in integer minor units with their currency), and its totals.
 */
public final class Ledger {

    private Ledger() {}

    /** One entry. */
    public record Entry(
            long seq,
            UUID reward,
            String kind,
            Money amount,
            @Nullable StaffId by,
            Instant at) {}

    /** The total of one kind of entry for a policy, a year (UTC) and a currency. */
    public record Total(
            UUID policy, String policyName, int year, String currency, String kind, long minor, long entries) {}
}
