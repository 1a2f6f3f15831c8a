package org.tipline.rewards;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditEvent;
import org.tipline.audit.AuditLog;
import org.tipline.channels.ChannelId;
import org.tipline.channels.Channels;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.SafeYaml;
import org.tipline.shared.StaffPrincipal;
import tools.jackson.databind.json.JsonMapper;

/**
 * An organisation's reward policies: imported and changed as YAML by admins, each change a new
 * version (a reward keeps the version it was assessed under), read by the staff who assess and
 * approve rewards; audited.
 */
@Service
public class RewardPolicies {

    /** The longest policy YAML. */
    public static final int YAML_LIMIT = 20_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One version of a policy. */
    public record Version(UUID id, int version, Instant createdAt, RewardPolicy policy) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Channels channels;
    private final Clock clock;

    RewardPolicies(JdbcClient jdbc, AuditLog audit, Channels channels, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.channels = channels;
        this.clock = clock;
    }

    /**
     * Imports a policy from YAML as version 1 of a new one.
     *
     * @throws InvalidInput naming what is wrong, by field path
     */
    @Transactional
    public Version importYaml(StaffPrincipal admin, String yaml) {
        admin.require(Role.ADMIN);
        var policy = RewardPolicy.read(SafeYaml.load(yaml, YAML_LIMIT));
        var id = UUID.randomUUID();
        var now = clock.instant();
        jdbc.sql("""
                        INSERT INTO reward_policy (id, organization_id, name, shape, currency, current_version, created_at)
                        VALUES (?, ?, ?, ?, ?, 1, ?)""")
                .params(
                        id,
                        admin.organization().value(),
                        policy.name(),
                        policy.shape().name(),
                        policy.currency().getCurrencyCode(),
                        Timestamp.from(now))
                .update();
        insertVersion(admin, id, 1, policy, now);
        audit.record(admin.organization(), Actor.staff(admin.id()), new Changed("imported", id, 1));
        return get(admin, id);
    }

    /**
     * Saves a new version of one of the organisation's policies; its shape and currency stay.
     *
     * @throws InvalidInput naming what is wrong, by field path
     * @throws NoSuchElementException if the organisation has no such policy
     */
    @Transactional
    public Version update(StaffPrincipal admin, UUID id, String yaml) {
        admin.require(Role.ADMIN);
        var current = get(admin, id);
        var policy = RewardPolicy.read(SafeYaml.load(yaml, YAML_LIMIT));
        if (policy.shape() != current.policy().shape()) {
            throw new InvalidInput(Map.of("shape", "error.reward.shape-fixed"));
        }
        if (!policy.currency().equals(current.policy().currency())) {
            throw new InvalidInput(Map.of("currency", "error.reward.currency-fixed"));
        }
        var version = jdbc.sql("""
                        UPDATE reward_policy SET current_version = current_version + 1, name = ?
                        WHERE id = ? AND organization_id = ? RETURNING current_version""")
                .params(policy.name(), id, admin.organization().value())
                .query(Integer.class)
                .single();
        insertVersion(admin, id, version, policy, clock.instant());
        audit.record(admin.organization(), Actor.staff(admin.id()), new Changed("changed", id, version));
        return get(admin, id);
    }

    /** Returns the current version of each of the organisation's policies, by name. */
    @Transactional(readOnly = true)
    public List<Version> list(StaffPrincipal viewer) {
        requireReader(viewer);
        return jdbc
                .sql("SELECT id FROM reward_policy WHERE organization_id = ? ORDER BY name, id")
                .param(viewer.organization().value())
                .query(UUID.class)
                .list()
                .stream()
                .map(id -> get(viewer, id))
                .toList();
    }

    /**
     * Returns the current version of one of the organisation's policies.
     *
     * @throws NoSuchElementException if it has no such policy
     */
    @Transactional(readOnly = true)
    public Version get(StaffPrincipal viewer, UUID id) {
        requireReader(viewer);
        return current(viewer.organization(), id);
    }

    /** Returns the current version of a policy of {@code organization}, for the rewards it starts. */
    Version current(OrganizationId organization, UUID id) {
        return jdbc.sql("""
                        SELECT v.version, v.created_at, v.rules FROM reward_policy p
                        JOIN reward_policy_version v ON v.policy_id = p.id AND v.version = p.current_version
                        WHERE p.id = ? AND p.organization_id = ?""")
                .params(id, organization.value())
                .query((rs, i) -> new Version(
                        id,
                        rs.getInt(1),
                        rs.getTimestamp(2).toInstant(),
                        RewardPolicy.read(JSON.readValue(rs.getString(3), Map.class))))
                .optional()
                .orElseThrow(() -> new NoSuchElementException("No such reward policy"));
    }

    /** Returns version {@code version} of a policy of {@code organization}: the one a reward was assessed under. */
    RewardPolicy version(OrganizationId organization, UUID id, int version) {
        return jdbc.sql("""
                        SELECT v.rules FROM reward_policy p
                        JOIN reward_policy_version v ON v.policy_id = p.id AND v.version = ?
                        WHERE p.id = ? AND p.organization_id = ?""")
                .params(version, id, organization.value())
                .query((rs, i) -> RewardPolicy.read(JSON.readValue(rs.getString(1), Map.class)))
                .optional()
                .orElseThrow(() -> new NoSuchElementException("No such reward policy"));
    }

    /**
     * Makes policy {@code id} the one the substantiated cases of {@code channel} are rewarded under,
     * or (with {@code id} null) no policy for the channel. Audited.
     *
     * @throws NoSuchElementException if the organisation has no such policy or channel
     */
    @Transactional
    public void applyTo(StaffPrincipal admin, ChannelId channel, @Nullable UUID id) {
        admin.require(Role.ADMIN);
        channels.get(admin, channel);
        if (id == null) {
            jdbc.sql("DELETE FROM reward_policy_channel WHERE channel_id = ?")
                    .param(channel.value())
                    .update();
        } else {
            current(admin.organization(), id);
            jdbc.sql("""
                            INSERT INTO reward_policy_channel (channel_id, policy_id) VALUES (?, ?)
                            ON CONFLICT (channel_id) DO UPDATE SET policy_id = excluded.policy_id""").params(channel.value(), id).update();
        }
        audit.record(admin.organization(), Actor.staff(admin.id()), new Applied(channel, id));
    }

    /** Returns the policy the cases of {@code channel} are rewarded under, if any. */
    @Transactional(readOnly = true)
    public java.util.Optional<UUID> forChannel(ChannelId channel) {
        return jdbc.sql("SELECT policy_id FROM reward_policy_channel WHERE channel_id = ?")
                .param(channel.value())
                .query(UUID.class)
                .optional();
    }

    /** Returns the channels each of the organisation's policies applies to, by policy. */
    @Transactional(readOnly = true)
    public Map<UUID, List<ChannelId>> channels(StaffPrincipal viewer) {
        requireReader(viewer);
        var found = new java.util.LinkedHashMap<UUID, List<ChannelId>>();
        jdbc.sql("""
                        SELECT pc.policy_id, pc.channel_id FROM reward_policy_channel pc
                        JOIN reward_policy p ON p.id = pc.policy_id WHERE p.organization_id = ?
                        ORDER BY pc.policy_id, pc.channel_id""").param(viewer.organization().value()).query(rs -> {
            found.computeIfAbsent(rs.getObject(1, UUID.class), k -> new java.util.ArrayList<>())
                    .add(new ChannelId(rs.getObject(2, UUID.class)));
        });
        return found;
    }

    /** Admins change policies; those who assess, approve and pay rewards read them. */
    private static void requireReader(StaffPrincipal viewer) {
        if (!viewer.has(Role.ADMIN)
                && !viewer.has(Role.SUPERVISOR)
                && !viewer.has(Role.APPROVER)
                && !viewer.has(Role.PAYOUT_OFFICER)) {
            viewer.require(Role.ADMIN);
        }
    }

    /** Returns the current version of a policy as YAML, as an admin exports it. */
    @Transactional(readOnly = true)
    public String exportYaml(StaffPrincipal admin, UUID id) {
        return SafeYaml.dump(get(admin, id).policy().write());
    }

    private void insertVersion(StaffPrincipal admin, UUID id, int version, RewardPolicy policy, Instant at) {
        jdbc.sql("""
                        INSERT INTO reward_policy_version (policy_id, version, rules, created_at, created_by)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(
                        id,
                        version,
                        JSON.writeValueAsString(policy.write()),
                        Timestamp.from(at),
                        admin.id().value())
                .update();
    }

    /** An admin chose the policy a channel's cases are rewarded under (or none). */
    record Applied(ChannelId channel, @Nullable UUID policy) implements AuditEvent {
        @Override
        public String action() {
            return "reward-policy.applied";
        }

        @Override
        public String subject() {
            return "channel:" + channel.value() + (policy == null ? "" : "/reward-policy:" + policy);
        }
    }

    /** An admin imported or changed a reward policy. */
    record Changed(String how, UUID policy, int version) implements AuditEvent {
        @Override
        public String action() {
            return "reward-policy." + how;
        }

        @Override
        public String subject() {
            return "reward-policy:" + policy + "/v" + version;
        }
    }
}
