package org.tipline.rewards.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tipline.cases.CaseId;
import org.tipline.reports.ReportId;
import org.tipline.rewards.Ledger;
import org.tipline.rewards.Money;
import org.tipline.rewards.Reward;
import org.tipline.rewards.RewardView;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffId;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reward rows: the aggregate's state with what is kept beside it, its approvals, the sealed
 * payout details with their grants, and the append-only ledger. A save checks the version it read.
 */
@Component
public class RewardStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    RewardStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a new reward is for. */
    public record New(
            Reward reward,
            OrganizationId organization,
            CaseId caseId,
            String reference,
            ReportId report,
            String currency,
            boolean discretionary,
            @Nullable String campaign,
            Instant at) {}

    /** Adds a reward unless the case already has one for the report; returns whether it did. */
    public boolean insert(New created) {
        var reward = created.reward();
        return jdbc.sql("""
                        INSERT INTO reward (id, organization_id, case_id, case_reference, report_id, policy_id,
                                            policy_version, state, discretionary, nominated_by, currency, version,
                                            created_at, changed_at, campaign)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (case_id, report_id) DO NOTHING""")
                        .params(
                                reward.id(),
                                created.organization().value(),
                                created.caseId().value(),
                                created.reference(),
                                created.report().value(),
                                reward.policy(),
                                reward.policyVersion(),
                                reward.state().name(),
                                created.discretionary(),
                                reward.nominator() == null
                                        ? null
                                        : reward.nominator().value(),
                                created.currency(),
                                reward.version(),
                                Timestamp.from(created.at()),
                                Timestamp.from(created.at()),
                                created.campaign())
                        .update()
                == 1;
    }

    /** What changes beside the aggregate in a save; null leaves a column as it is. */
    public record Beside(
            @Nullable Money recovered,
            @Nullable StaffId releaser,
            @Nullable String payoutMethod,
            @Nullable String payoutReference,
            RewardView.@Nullable Recipient recipient,
            @Nullable String reason,
            @Nullable Instant notifiedAt,
            @Nullable Instant claimedAt,
            @Nullable Instant paidAt,
            byte @Nullable [] evidence) {

        /** Nothing beside. */
        public static final Beside NOTHING = new Beside(null, null, null, null, null, null, null, null, null, null);

        public Beside withReason(String code) {
            return new Beside(
                    recovered,
                    releaser,
                    payoutMethod,
                    payoutReference,
                    recipient,
                    code,
                    notifiedAt,
                    claimedAt,
                    paidAt,
                    evidence);
        }
    }

    /**
     * Saves {@code changed} if the row is still at version {@code read}, with the approvals it lists
     * and what changed beside it; returns whether it did.
     */
    public boolean save(Reward changed, long read, Beside beside, Instant at) {
        var criteria = new LinkedHashMap<String, Boolean>();
        changed.answers().forEach((code, answer) -> criteria.put(code, answer.met()));
        var saved = jdbc.sql("""
                        UPDATE reward SET state = ?, nominated_by = ?, assessor_id = ?, criteria = ?,
                                          evidence = coalesce(?, evidence), amount_minor = ?, band = ?,
                                          recovered_minor = coalesce(?, recovered_minor), approvals_needed = ?,
                                          preparer_id = ?, releaser_id = coalesce(?, releaser_id),
                                          payout_method = coalesce(?, payout_method),
                                          payout_reference = coalesce(?, payout_reference),
                                          recipient = coalesce(?, recipient), reason = coalesce(?, reason),
                                          notified_at = coalesce(?, notified_at), claimed_at = coalesce(?, claimed_at),
                                          paid_at = coalesce(?, paid_at), version = ?, changed_at = ?
                        WHERE id = ? AND version = ?""")
                        .params(
                                changed.state().name(),
                                id(changed.nominator()),
                                id(changed.assessor()),
                                criteria.isEmpty() ? null : JSON.writeValueAsString(criteria),
                                beside.evidence(),
                                changed.amount() == null
                                        ? null
                                        : changed.amount().minor(),
                                changed.band(),
                                beside.recovered() == null
                                        ? null
                                        : beside.recovered().minor(),
                                changed.approvalsNeeded(),
                                id(changed.preparer()),
                                id(beside.releaser()),
                                beside.payoutMethod(),
                                beside.payoutReference(),
                                beside.recipient() == null
                                        ? null
                                        : beside.recipient().name(),
                                beside.reason(),
                                time(beside.notifiedAt()),
                                time(beside.claimedAt()),
                                time(beside.paidAt()),
                                changed.version(),
                                Timestamp.from(at),
                                changed.id(),
                                read)
                        .update()
                == 1;
        if (!saved) {
            return false;
        }
        for (var approver : changed.approvers()) {
            jdbc.sql("""
                            INSERT INTO reward_approval (reward_id, staff_id, approved_at) VALUES (?, ?, ?)
                            ON CONFLICT DO NOTHING""")
                    .params(changed.id(), approver.value(), Timestamp.from(at))
                    .update();
        }
        return true;
    }

    /** Returns a reward of {@code organization}. */
    public Optional<RewardView> find(OrganizationId organization, UUID id) {
        return jdbc.sql(SELECT + " WHERE r.organization_id = ? AND r.id = ?")
                .params(organization.value(), id)
                .query(this::view)
                .optional();
    }

    /** Returns the reward a claim code's lookup tag names. */
    public Optional<RewardView> byClaimTag(byte[] tag) {
        return jdbc.sql(SELECT + " WHERE r.claim_tag = ?")
                .param(tag)
                .query(this::view)
                .optional();
    }

    /** Returns the organisation's rewards, the latest change first. */
    public List<RewardView> list(OrganizationId organization, int limit) {
        return jdbc.sql(SELECT + " WHERE r.organization_id = ? ORDER BY r.changed_at DESC, r.id LIMIT ?")
                .params(organization.value(), limit)
                .query(this::view)
                .list();
    }

    /** Returns the rewards of a report, oldest first. */
    public List<RewardView> ofReport(ReportId report) {
        return jdbc.sql(SELECT + " WHERE r.report_id = ? ORDER BY r.created_at, r.id")
                .param(report.value())
                .query(this::view)
                .list();
    }

    /** Returns the rewards of a case, oldest first. */
    public List<RewardView> ofCase(OrganizationId organization, CaseId id) {
        return jdbc.sql(SELECT + " WHERE r.organization_id = ? AND r.case_id = ? ORDER BY r.created_at, r.id")
                .params(organization.value(), id.value())
                .query(this::view)
                .list();
    }

    /** Returns the assessor's evidence, sealed with the report key. */
    public byte @Nullable [] evidence(UUID reward) {
        return jdbc.sql("SELECT evidence FROM reward WHERE id = ? AND evidence IS NOT NULL")
                .param(reward)
                .query(byte[].class)
                .optional()
                .orElse(null);
    }

    /** Gives the reward a new claim code's tag, replacing any earlier one. */
    public void claimTag(UUID reward, byte @Nullable [] tag) {
        jdbc.sql("UPDATE reward SET claim_tag = ? WHERE id = ?")
                .params(tag, reward)
                .update();
    }

    /** Keeps the payout details, sealed, and the key's grant to each payout officer. */
    public void payout(UUID reward, byte[] details, Map<StaffId, byte[]> grants, Instant at) {
        jdbc.sql("INSERT INTO reward_payout (reward_id, details, created_at) VALUES (?, ?, ?)")
                .params(reward, details, Timestamp.from(at))
                .update();
        grants.forEach((officer, wrapped) -> jdbc.sql(
                        "INSERT INTO reward_payout_grant (reward_id, staff_id, wrapped) VALUES (?, ?, ?)")
                .params(reward, officer.value(), wrapped)
                .update());
    }

    /** The sealed payout details and one officer's grant. */
    public record SealedPayout(byte[] details, byte[] wrapped) {}

    /** Returns the payout details with {@code officer}'s grant, if both are there. */
    public Optional<SealedPayout> payout(UUID reward, StaffId officer) {
        return jdbc.sql("""
                        SELECT p.details, g.wrapped FROM reward_payout p
                        JOIN reward_payout_grant g ON g.reward_id = p.reward_id AND g.staff_id = ?
                        WHERE p.reward_id = ?""")
                .params(officer.value(), reward)
                .query((rs, row) -> new SealedPayout(rs.getBytes(1), rs.getBytes(2)))
                .optional();
    }

    /** Returns whether payout details are kept for the reward. */
    public boolean hasPayout(UUID reward) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM reward_payout WHERE reward_id = ?)")
                .param(reward)
                .query(Boolean.class)
                .single();
    }

    /** Deletes the payout details and their grants. */
    public void purgePayout(UUID reward) {
        jdbc.sql("DELETE FROM reward_payout WHERE reward_id = ?").param(reward).update();
    }

    /** Adds a ledger entry. */
    public void ledger(
            OrganizationId organization, Reward reward, String kind, Money amount, @Nullable StaffId by, Instant at) {
        jdbc.sql("""
                        INSERT INTO reward_ledger (organization_id, reward_id, policy_id, kind, amount_minor, currency,
                                                   staff_id, at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        organization.value(),
                        reward.id(),
                        reward.policy(),
                        kind,
                        amount.minor(),
                        amount.currency().getCurrencyCode(),
                        id(by),
                        Timestamp.from(at))
                .update();
    }

    /** Returns the ledger's totals per policy, year (UTC), currency and kind. */
    public List<Ledger.Total> totals(OrganizationId organization) {
        return jdbc.sql("""
                        SELECT l.policy_id, p.name, extract(YEAR FROM l.at AT TIME ZONE 'UTC')::int, l.currency, l.kind,
                               sum(l.amount_minor), count(*)
                        FROM reward_ledger l JOIN reward_policy p ON p.id = l.policy_id
                        WHERE l.organization_id = ?
                        GROUP BY 1, 2, 3, 4, 5 ORDER BY 3 DESC, 2, 4, 5""")
                .param(organization.value())
                .query((rs, row) -> new Ledger.Total(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getLong(7)))
                .list();
    }

    /** Returns a reward's ledger entries, in order. */
    public List<Ledger.Entry> entries(UUID reward) {
        return jdbc.sql("SELECT seq, reward_id, kind, amount_minor, currency, staff_id, at FROM reward_ledger "
                        + "WHERE reward_id = ? ORDER BY seq")
                .param(reward)
                .query((rs, row) -> new Ledger.Entry(
                        rs.getLong(1),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        new Money(rs.getLong(4), Currency.getInstance(rs.getString(5))),
                        staff(rs.getObject(6, UUID.class)),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }

    /** Returns, per campaign code of {@code codes}, how many of its rewards were paid (and not recovered since). */
    public Map<String, Long> paidByCampaign(OrganizationId organization, java.util.Collection<String> codes) {
        var counts = new LinkedHashMap<String, Long>();
        jdbc.sql("""
                        SELECT campaign, count(*) FROM reward WHERE organization_id = ? AND campaign = ANY (?)
                        AND paid_at IS NOT NULL AND state = 'PAID' GROUP BY campaign""").params(organization.value(), codes.toArray(String[]::new)).query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    /** What was paid in one currency over a time: how many rewards and how much, net of recoveries. */
    public record Paid(String currency, long rewards, long minor) {}

    /** Returns what the ledger says was paid in [{@code from}, {@code to}), by currency, less what was recovered of it. */
    public List<Paid> paidBetween(OrganizationId organization, Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT currency, count(DISTINCT reward_id) FILTER (WHERE kind = 'PAID'),
                               coalesce(sum(amount_minor) FILTER (WHERE kind = 'PAID'), 0)
                             - coalesce(sum(amount_minor) FILTER (WHERE kind = 'RECOVERED'), 0)
                        FROM reward_ledger WHERE organization_id = ? AND at >= ? AND at < ?
                        AND kind IN ('PAID', 'RECOVERED') GROUP BY currency ORDER BY currency""")
                .params(organization.value(), Timestamp.from(from), Timestamp.from(to))
                .query((rs, row) -> new Paid(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    /**
     * Forgets what a purged case's rewards kept of its content or its reporter: the evidence (sealed
     * with a report key that is gone), the claim code's tag and the certificate's display name.
     */
    public void forget(CaseId id) {
        jdbc.sql("UPDATE reward SET evidence = NULL, claim_tag = NULL, certificate_name = NULL WHERE case_id = ?")
                .param(id.value())
                .update();
    }

    /** Returns how many of the organisation's rewards are in each state. */
    public Map<Reward.State, Long> countByState(OrganizationId organization) {
        var counts = new java.util.EnumMap<Reward.State, Long>(Reward.State.class);
        jdbc.sql("SELECT state, count(*) FROM reward WHERE organization_id = ? GROUP BY state")
                .param(organization.value())
                .query(rs -> {
                    counts.put(Reward.State.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    /** Returns which of {@code cases} have a reward notified, claimed or waiting for its payout. */
    public List<CaseId> holding(OrganizationId organization, List<CaseId> cases) {
        return jdbc.sql("""
                        SELECT DISTINCT case_id FROM reward WHERE organization_id = ? AND case_id = ANY(?)
                        AND state IN ('NOTIFIED', 'CLAIMED', 'PAYOUT_PENDING')""")
                .params(organization.value(), cases.stream().map(CaseId::value).toArray(UUID[]::new))
                .query((rs, row) -> new CaseId(rs.getObject(1, UUID.class)))
                .list();
    }

    private static final String SELECT = """
            SELECT r.id, r.policy_id, r.policy_version, r.state, r.nominated_by, r.assessor_id, r.criteria,
                   r.amount_minor, r.currency, r.band, r.approvals_needed, r.preparer_id, r.version,
                   r.case_id, r.case_reference, r.report_id, p.name, r.discretionary, r.recovered_minor,
                   r.releaser_id, r.payout_method, r.payout_reference, r.recipient, r.reason, r.notified_at,
                   r.claimed_at, r.paid_at, r.created_at, r.changed_at, r.organization_id,
                   ARRAY(SELECT a.staff_id FROM reward_approval a WHERE a.reward_id = r.id ORDER BY a.approved_at, a.staff_id)
            FROM reward r JOIN reward_policy p ON p.id = r.policy_id""";

    @SuppressWarnings("unchecked")
    private RewardView view(ResultSet rs, int row) throws SQLException {
        var currency = Currency.getInstance(rs.getString("currency"));
        var answers = new LinkedHashMap<String, Reward.Answer>();
        var criteria = rs.getString("criteria");
        if (criteria != null) {
            ((Map<String, Boolean>) JSON.readValue(criteria, Map.class))
                    .forEach((code, met) -> answers.put(code, new Reward.Answer(met, "")));
        }
        var approvers = new ArrayList<StaffId>();
        for (var id : (Object[]) rs.getArray(31).getArray()) {
            approvers.add(new StaffId((UUID) id));
        }
        var reward = new Reward(
                rs.getObject("id", UUID.class),
                rs.getObject("policy_id", UUID.class),
                rs.getInt("policy_version"),
                Reward.State.valueOf(rs.getString("state")),
                staff(rs.getObject("nominated_by", UUID.class)),
                staff(rs.getObject("assessor_id", UUID.class)),
                answers,
                money(rs, "amount_minor", currency),
                rs.getString("band"),
                approvers,
                rs.getInt("approvals_needed"),
                staff(rs.getObject("preparer_id", UUID.class)),
                rs.getLong("version"));
        var recipient = rs.getString("recipient");
        return new RewardView(
                reward,
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                new CaseId(rs.getObject("case_id", UUID.class)),
                rs.getString("case_reference"),
                new ReportId(rs.getObject("report_id", UUID.class)),
                rs.getString("name"),
                rs.getBoolean("discretionary"),
                money(rs, "recovered_minor", currency),
                staff(rs.getObject("releaser_id", UUID.class)),
                rs.getString("payout_method"),
                rs.getString("payout_reference"),
                recipient == null ? null : RewardView.Recipient.valueOf(recipient),
                rs.getString("reason"),
                instant(rs.getTimestamp("notified_at")),
                instant(rs.getTimestamp("claimed_at")),
                instant(rs.getTimestamp("paid_at")),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("changed_at").toInstant());
    }

    private static @Nullable Money money(ResultSet rs, String column, Currency currency) throws SQLException {
        var minor = rs.getLong(column);
        return rs.wasNull() ? null : new Money(minor, currency);
    }

    private static @Nullable StaffId staff(@Nullable UUID id) {
        return id == null ? null : new StaffId(id);
    }

    private static @Nullable UUID id(@Nullable StaffId staff) {
        return staff == null ? null : staff.value();
    }

    private static @Nullable Timestamp time(@Nullable Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static @Nullable Instant instant(@Nullable Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
