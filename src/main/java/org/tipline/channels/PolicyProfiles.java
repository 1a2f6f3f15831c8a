package org.tipline.channels;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.FirstAdminJoined;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.StaffPrincipal;
import org.tipline.shared.WebProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * The policy profiles of each organisation and its holiday calendar: presets made for every
 * organisation, copies admins edit (each save a new version; cases keep the version they started
 * on), YAML export and import, and the deadlines a channel's reporters may expect.
 */
@Service
public class PolicyProfiles implements ApplicationRunner {

    /** The preset every channel runs on until an admin chooses another. */
    public static final String EU_INTERNAL = "eu-internal";

    /** The preset for external authorities, with the justified extension to 6 months. */
    public static final String EU_EXTERNAL = "eu-external";

    /** The longest YAML text accepted. */
    public static final int YAML_LIMIT = 20_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> PRESET_NAMES =
            Map.of(EU_INTERNAL, "EU internal channel", EU_EXTERNAL, "EU external authority");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final WebProperties web;

    PolicyProfiles(JdbcClient jdbc, AuditLog audit, Clock clock, WebProperties web) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.web = web;
    }

    /** Returns the id of the preset that channels without a chosen profile run on in {@code organization}. */
    public static PolicyProfileId defaultProfile(OrganizationId organization) {
        return PolicyProfileId.preset(organization, EU_INTERNAL);
    }

    /** Makes sure every organisation that existed before profiles did has the presets. */
    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        jdbc.sql("SELECT id FROM organization")
                .query((rs, i) -> new OrganizationId(rs.getObject(1, UUID.class)))
                .list()
                .forEach(this::ensurePresets);
    }

    /** Gives a new organisation the presets, in the transaction that created it. */
    @EventListener
    void on(FirstAdminJoined joined) {
        ensurePresets(joined.organization());
    }

    /** Returns the profiles of the admin's organisation, presets first, at their current versions. */
    @Transactional(readOnly = true)
    public List<PolicyProfile> list(StaffPrincipal admin) {
        admin.require(Role.ADMIN);
        return jdbc.sql(SELECT + """
                 WHERE p.organization_id = ? AND v.version = p.current_version
                ORDER BY p.preset IS NULL, lower(p.name), p.id""")
                .param(admin.organization().value())
                .query(PolicyProfiles::profile)
                .list();
    }

    /**
     * Returns a profile of the admin's organisation at its current version.
     *
     * @throws NoSuchElementException if there is none
     */
    @Transactional(readOnly = true)
    public PolicyProfile get(StaffPrincipal admin, PolicyProfileId id) {
        admin.require(Role.ADMIN);
        return current(admin.organization(), id);
    }

    /**
     * Returns the current version of a profile of {@code organization}.
     *
     * @throws NoSuchElementException if there is none
     */
    @Transactional(readOnly = true)
    public PolicyProfile current(OrganizationId organization, PolicyProfileId id) {
        return jdbc.sql(SELECT + " WHERE p.organization_id = ? AND p.id = ? AND v.version = p.current_version")
                .params(organization.value(), id.value())
                .query(PolicyProfiles::profile)
                .optional()
                .orElseThrow(() -> new NoSuchElementException("No such policy profile"));
    }

    /**
     * Returns one version of a profile of {@code organization}, as a case that started on it needs.
     *
     * @throws NoSuchElementException if there is none
     */
    @Transactional(readOnly = true)
    public PolicyProfile version(OrganizationId organization, PolicyProfileId id, int version) {
        return jdbc.sql(SELECT + " WHERE p.organization_id = ? AND p.id = ? AND v.version = ?")
                .params(organization.value(), id.value(), version)
                .query(PolicyProfiles::profile)
                .optional()
                .orElseThrow(() -> new NoSuchElementException("No such policy profile"));
    }

    /** Returns the working calendar of {@code organization} under {@code rules}: their weekdays, its holidays. */
    @Transactional(readOnly = true)
    public WorkingCalendar calendar(OrganizationId organization, PolicyRules rules) {
        return new WorkingCalendar(
                web.timeZone(),
                rules.workingDays(),
                new HashSet<>(holidays(organization).keySet()));
    }

    /**
     * Copies a profile of the admin's organisation under a new name, as version 1 of a new profile.
     *
     * @throws InvalidInput if the name is empty, too long or taken
     */
    @Transactional
    public PolicyProfile copy(StaffPrincipal admin, PolicyProfileId from, String name) {
        var source = get(admin, from);
        var named = PolicyRules.read(source.rules().write(name));
        return insert(admin, PolicyProfileId.random(), named, null);
    }

    /**
     * Creates a profile from its YAML text.
     *
     * @throws InvalidInput if the text does not parse, or breaks a rule (named by field), or the name is taken
     */
    @Transactional
    public PolicyProfile importYaml(StaffPrincipal admin, String yaml) {
        admin.require(Role.ADMIN);
        return insert(admin, PolicyProfileId.random(), PolicyRules.read(parse(yaml)), null);
    }

    /**
     * Saves a new version of a profile the admin's organisation made, from its YAML text.
     *
     * @throws InvalidInput if the profile is a preset, the text does not parse or breaks a rule, or the name is taken
     * @throws NoSuchElementException if there is no such profile
     */
    @Transactional
    public PolicyProfile update(StaffPrincipal admin, PolicyProfileId id, String yaml) {
        var current = get(admin, id);
        if (current.isPreset()) {
            throw new InvalidInput(Map.of("yaml", "error.policy.preset"));
        }
        var named = PolicyRules.read(parse(yaml));
        checkName(admin.organization(), named.name(), id);
        var version = current.version() + 1;
        jdbc.sql("UPDATE policy_profile SET name = ?, current_version = ? WHERE id = ? AND current_version = ?")
                .params(named.name(), version, id.value(), current.version())
                .update();
        insertVersion(admin.organization(), id, version, named);
        audit.record(admin.organization(), Actor.staff(admin.id()), new ChannelAudit.PolicySaved(id, version));
        return current(admin.organization(), id);
    }

    /** Returns a profile as YAML, to keep, share or import elsewhere. */
    @Transactional(readOnly = true)
    public String exportYaml(StaffPrincipal admin, PolicyProfileId id) {
        var profile = get(admin, id);
        return yaml(profile);
    }

    /** Returns a profile's YAML text. */
    public static String yaml(PolicyProfile profile) {
        return org.tipline.shared.SafeYaml.dump(profile.rules().write(profile.name()));
    }

    /** Returns the organisation's holidays by day. */
    @Transactional(readOnly = true)
    public Map<LocalDate, String> holidays(OrganizationId organization) {
        var days = new LinkedHashMap<LocalDate, String>();
        jdbc.sql("SELECT day, name FROM holiday WHERE organization_id = ? ORDER BY day")
                .param(organization.value())
                .query((rs, i) -> days.put(rs.getObject(1, LocalDate.class), rs.getString(2)))
                .list();
        return days;
    }

    /**
     * Replaces the organisation's holidays with those in {@code text}: one a line, {@code 2026-12-25 Christmas Day}.
     *
     * @throws InvalidInput naming the first line that is not a date and a name, or if there are too many
     */
    @Transactional
    public void setHolidays(StaffPrincipal admin, String text) {
        admin.require(Role.ADMIN);
        var days = new LinkedHashMap<LocalDate, String>();
        var lines = text.strip().isEmpty() ? new String[0] : text.strip().split("\\R");
        if (lines.length > 1000) {
            throw new InvalidInput(Map.of("holidays", "error.policy.holidays-too-many"));
        }
        for (var line : lines) {
            var parts = line.strip().split("\\s+", 2);
            try {
                var day = LocalDate.parse(parts[0]);
                var name = parts.length > 1 ? parts[1].strip() : "";
                if (name.length() > 100
                        || name.chars().anyMatch(Character::isISOControl)
                        || day.getYear() < 2000
                        || day.getYear() > 2200) {
                    throw new InvalidInput(Map.of("holidays", "error.policy.holiday"));
                }
                days.put(day, name);
            } catch (DateTimeParseException e) {
                throw new InvalidInput(Map.of("holidays", "error.policy.holiday"));
            }
        }
        jdbc.sql("DELETE FROM holiday WHERE organization_id = ?")
                .param(admin.organization().value())
                .update();
        days.forEach((day, name) -> jdbc.sql("INSERT INTO holiday (organization_id, day, name) VALUES (?, ?, ?)")
                .params(admin.organization().value(), day, name)
                .update());
        audit.record(admin.organization(), Actor.staff(admin.id()), new ChannelAudit.HolidaysChanged());
    }

    /**
     * Parses YAML safely: plain maps, lists and scalars only (no types, no tags), bounded size and
     * aliases, no duplicate keys.
     */
    static Object parse(String text) {
        return org.tipline.shared.SafeYaml.load(text, YAML_LIMIT);
    }

    void ensurePresets(OrganizationId organization) {
        preset(organization, EU_INTERNAL, PolicyRules.euInternal());
        preset(organization, EU_EXTERNAL, PolicyRules.euExternal());
    }

    private void preset(OrganizationId organization, String key, PolicyRules rules) {
        var id = PolicyProfileId.preset(organization, key);
        var inserted = jdbc.sql("""
                INSERT INTO policy_profile (id, organization_id, name, preset, current_version, created_at)
                VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT DO NOTHING""")
                        .params(
                                id.value(),
                                organization.value(),
                                PRESET_NAMES.get(key),
                                key,
                                Timestamp.from(clock.instant()))
                        .update()
                > 0;
        if (inserted) {
            insertVersion(organization, id, 1, new PolicyRules.Named(PRESET_NAMES.get(key), rules));
        }
    }

    private PolicyProfile insert(
            StaffPrincipal admin, PolicyProfileId id, PolicyRules.Named named, @Nullable String preset) {
        checkName(admin.organization(), named.name(), null);
        jdbc.sql("""
                INSERT INTO policy_profile (id, organization_id, name, preset, current_version, created_at)
                VALUES (?, ?, ?, ?, 1, ?)""")
                .params(id.value(), admin.organization().value(), named.name(), preset, Timestamp.from(clock.instant()))
                .update();
        insertVersion(admin.organization(), id, 1, named);
        audit.record(admin.organization(), Actor.staff(admin.id()), new ChannelAudit.PolicySaved(id, 1));
        return current(admin.organization(), id);
    }

    private void checkName(OrganizationId organization, String name, @Nullable PolicyProfileId self) {
        var taken = jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM policy_profile
                               WHERE organization_id = ? AND lower(name) = lower(?) AND id IS DISTINCT FROM ?)""")
                .params(organization.value(), name, self == null ? null : self.value())
                .query(Boolean.class)
                .single();
        if (taken) {
            throw new InvalidInput(Map.of("name", "error.policy.name-taken"));
        }
    }

    private void insertVersion(OrganizationId organization, PolicyProfileId id, int version, PolicyRules.Named named) {
        jdbc.sql("""
                INSERT INTO policy_profile_version (profile_id, organization_id, version, definition, created_at)
                VALUES (?, ?, ?, ?::jsonb, ?)""")
                .params(
                        id.value(),
                        organization.value(),
                        version,
                        JSON.writeValueAsString(named.rules().write(named.name())),
                        Timestamp.from(clock.instant()))
                .update();
    }

    private static final String SELECT = """
            SELECT p.id, p.organization_id, p.preset, v.version, v.definition
            FROM policy_profile p JOIN policy_profile_version v ON v.profile_id = p.id""";

    private static PolicyProfile profile(ResultSet rs, int row) throws SQLException {
        var named = PolicyRules.read(JSON.readValue(rs.getString(5), Map.class));
        return new PolicyProfile(
                new PolicyProfileId(rs.getObject(1, UUID.class)),
                new OrganizationId(rs.getObject(2, UUID.class)),
                named.name(),
                rs.getString(3),
                rs.getInt(4),
                named.rules());
    }
}
