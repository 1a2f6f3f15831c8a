package org.tipline.channels;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.FirstAdminJoined;
import org.tipline.accounts.Organizations;
import org.tipline.accounts.StaffDirectory;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.audit.IntegrityAlert;
import org.tipline.channels.internal.RecipientSetTag;
import org.tipline.crypto.Receipt;
import org.tipline.crypto.ServerSecrets;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.Languages;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.Slugs;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;
import tools.jackson.databind.json.JsonMapper;

/** Creates, edits and looks up reporting channels. Every change is audited. */
@Service
public class Channels {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final tools.jackson.core.type.TypeReference<Map<String, ChannelText>> TRANSLATIONS =
            new tools.jackson.core.type.TypeReference<>() {};

    /**
     * Channels by organisation and slug, for the submission path. Only found channels are kept, for
     * a few seconds, and dropped on this node when a channel changes or is created; other nodes see
     * a change within that time. A slug that names nothing is asked afresh each time, so a channel
     * created meanwhile (the default one, at set-up) answers at once.
     */
    private final Cache<PublishedAt, Channel> published = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(5))
            .build();

    private final JdbcClient jdbc;
    private final Organizations organizations;
    private final StaffDirectory staff;
    private final ServerSecrets secrets;
    private final AuditLog audit;
    private final Clock clock;

    Channels(
            JdbcClient jdbc,
            Organizations organizations,
            StaffDirectory staff,
            ServerSecrets secrets,
            AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.organizations = organizations;
        this.staff = staff;
        this.secrets = secrets;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Returns the channel published at {@code slug} in the organisation named {@code organization},
     * or in the home organisation when it is null (the short addresses), for reporters.
     */
    public Optional<Channel> published(@Nullable String organization, String slug) {
        if (!Slugs.isValid(slug)) {
            return Optional.empty();
        }
        var tenant = organization == null ? organizations.home() : organizations.bySlug(organization);
        return tenant.flatMap(found -> Optional.ofNullable(published.get(
                new PublishedAt(found.id(), slug),
                key -> find(
                                "c.organization_id = ? AND c.slug = ?",
                                key.organization().value(),
                                key.slug())
                        .orElse(null))));
    }

    /** Lists the channels open to reporters in {@code organization}, by name, for its front door. */
    @Transactional(readOnly = true)
    public List<Channel> published(OrganizationId organization) {
        return jdbc
                .sql(SELECT + " WHERE c.organization_id = ? ORDER BY lower(c.name), c.id")
                .param(organization.value())
                .query(this::channel)
                .list()
                .stream()
                .filter(channel -> !channel.recipients().isEmpty())
                .toList();
    }

    /** Returns the channel {@code id} as it stands, for the pages of a reporter who sent a report to it. */
    public Optional<Channel> find(ChannelId id) {
        return find("c.id = ?", id.value());
    }

    /** Returns a channel of the admin's organisation. */
    @Transactional(readOnly = true)
    public Channel get(StaffPrincipal admin, ChannelId id) {
        admin.require(Role.ADMIN);
        return find(
                        "c.id = ? AND c.organization_id = ?",
                        id.value(),
                        admin.organization().value())
                .orElseThrow(() -> new NoSuchElementException("No such channel"));
    }

    /** Lists the channels of the admin's organisation. */
    @Transactional(readOnly = true)
    public List<Channel> list(StaffPrincipal admin) {
        admin.require(Role.ADMIN);
        return jdbc.sql(SELECT + " WHERE c.organization_id = ? ORDER BY lower(c.name), c.id")
                .param(admin.organization().value())
                .query(this::channel)
                .list();
    }

    /** Returns the names of {@code ids} in {@code organization}, for lists that show where a case came from. */
    @Transactional(readOnly = true)
    public Map<ChannelId, String> names(OrganizationId organization, Collection<ChannelId> ids) {
        var names = new HashMap<ChannelId, String>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT id, name FROM channel WHERE organization_id = ? AND id = ANY(?)")
                    .params(
                            organization.value(),
                            ids.stream().map(ChannelId::value).toArray(UUID[]::new))
                    .query((rs, i) -> names.put(new ChannelId(rs.getObject(1, UUID.class)), rs.getString(2)))
                    .list();
        }
        return names;
    }

    /** Returns the questionnaire a report answered. */
    @Transactional(readOnly = true)
    public Questionnaire questionnaire(ChannelId channel, int version) {
        return jdbc.sql("SELECT definition FROM questionnaire WHERE channel_id = ? AND version = ?")
                .params(channel.value(), version)
                .query((rs, i) -> JSON.readValue(rs.getString(1), Questionnaire.class))
                .single();
    }

    /**
     * Creates a channel in the admin's organisation.
     *
     * @throws InvalidInput if a field is wrong or the slug is taken
     */
    @Transactional
    public Channel create(StaffPrincipal admin, ChannelDraft draft) {
        admin.require(Role.ADMIN);
        check(admin.organization(), draft, null);
        var id = ChannelId.random();
        insert(id, admin.organization(), draft);
        audit.record(admin.organization(), Actor.staff(admin.id()), new ChannelAudit.Created(id));
        return get(admin, id);
    }

    /**
     * Changes a channel of the admin's organisation; a changed questionnaire becomes a new version.
     *
     * @throws InvalidInput if a field is wrong or the slug is taken
     */
    @Transactional
    public Channel update(StaffPrincipal admin, ChannelId id, ChannelDraft draft) {
        var current = get(admin, id);
        check(admin.organization(), draft, id);
        var version = current.questionnaireVersion();
        if (!current.questionnaire().equals(draft.questionnaire())) {
            version++;
            insertQuestionnaire(id, admin.organization(), version, draft.questionnaire());
        }
        jdbc.sql("""
                UPDATE channel SET slug = ?, name = ?, public_text = ?, who_reads = ?, retention = ?, language = ?,
                                   translations = ?::jsonb, receipt_format = ?, questionnaire_version = ?,
                                   recipients_tag = ?, updated_at = ?
                WHERE id = ?""")
                .params(
                        draft.slug(),
                        draft.name().strip(),
                        draft.publicText().strip(),
                        draft.whoReads().strip(),
                        draft.retention().strip(),
                        draft.language(),
                        translations(draft),
                        draft.receiptFormat().name(),
                        version,
                        recipientsTag(id, admin.organization(), version, draft.recipients()),
                        Timestamp.from(clock.instant()),
                        id.value())
                .update();
        setRecipients(id, admin.organization(), draft.recipients());
        audit.record(admin.organization(), Actor.staff(admin.id()), new ChannelAudit.Changed(id));
        published.invalidate(new PublishedAt(admin.organization(), current.slug()));
        published.invalidate(new PublishedAt(admin.organization(), draft.slug()));
        return get(admin, id);
    }

    /**
     * Makes a channel's new cases run on another policy profile of the admin's organisation; cases
     * already open keep the version they started on.
     *
     * @throws NoSuchElementException if the channel or the profile is not in the admin's organisation
     */
    @Transactional
    public Channel choosePolicy(StaffPrincipal admin, ChannelId id, PolicyProfileId profile) {
        var current = get(admin, id);
        var exists = jdbc.sql("SELECT EXISTS (SELECT 1 FROM policy_profile WHERE id = ? AND organization_id = ?)")
                .params(profile.value(), admin.organization().value())
                .query(Boolean.class)
                .single();
        if (!exists) {
            throw new NoSuchElementException("No such policy profile");
        }
        jdbc.sql("UPDATE channel SET policy_profile_id = ?, updated_at = ? WHERE id = ?")
                .params(profile.value(), Timestamp.from(clock.instant()), id.value())
                .update();
        audit.record(admin.organization(), Actor.staff(admin.id()), new ChannelAudit.PolicyChosen(id, profile));
        published.invalidate(new PublishedAt(admin.organization(), current.slug()));
        return get(admin, id);
    }

    /**
     * Replaces a channel's routing rules, checked against its questionnaire and staff, tagged like
     * its recipient set; audited.
     *
     * @throws NoSuchElementException if the channel is not in the admin's organisation
     * @throws InvalidInput naming each wrong field as {@code routes[i].field}; nothing changes
     */
    @Transactional
    public Channel setRoutes(StaffPrincipal admin, ChannelId id, List<Route> routes) {
        var current = get(admin, id);
        var errors = new java.util.LinkedHashMap<String, String>();
        if (routes.size() > Route.LIMIT) {
            errors.put("routes", "error.routes.too-many");
        }
        for (int i = 0; i < routes.size() && errors.isEmpty(); i++) {
            checkRoute(current, routes.get(i), "routes[" + i + "].", errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        var stored = JSON.writeValueAsString(routes.stream()
                .map(route -> new StoredRoute(
                        route.category(),
                        route.question(),
                        route.answer(),
                        route.recipients().stream().map(StaffId::value).toList()))
                .toList());
        jdbc.sql("UPDATE channel SET routes = ?::jsonb, routes_tag = ?, updated_at = ? WHERE id = ?")
                .params(
                        stored,
                        routesTag(id.value(), admin.organization().value(), stored),
                        Timestamp.from(clock.instant()),
                        id.value())
                .update();
        audit.record(admin.organization(), Actor.staff(admin.id()), new ChannelAudit.Changed(id));
        published.invalidate(new PublishedAt(admin.organization(), current.slug()));
        return get(admin, id);
    }

    private void checkRoute(Channel channel, Route route, String at, Map<String, String> errors) {
        var byCategory = route.category() != null && !route.category().isBlank();
        var byAnswer = route.question() != null && !route.question().isBlank();
        if (byCategory == byAnswer) {
            errors.put(at + "category", "error.route.one-criterion");
            return;
        }
        if (byCategory
                && channel.questionnaire().categories().stream()
                        .noneMatch(category -> category.key().equals(route.category()))) {
            errors.put(at + "category", "error.route.category");
        }
        if (byAnswer) {
            var question = channel.questionnaire().question(route.question());
            if (question.isEmpty()
                    || (question.get().type() != QuestionType.SINGLE_CHOICE
                            && question.get().type() != QuestionType.MULTIPLE_CHOICE)) {
                errors.put(at + "question", "error.route.question");
            } else if (route.answer() == null || !question.get().options().contains(route.answer())) {
                errors.put(at + "answer", "error.route.answer");
            }
        }
        if (route.recipients().isEmpty()) {
            errors.put(at + "recipients", "error.recipients.empty");
        } else if (staff.members(channel.organizationId(), route.recipients()).size()
                != new HashSet<>(route.recipients()).size()) {
            errors.put(at + "recipients", "error.recipients.invalid");
        }
    }

    /** A routing rule as stored in the channel's {@code routes} column. */
    private record StoredRoute(
            @Nullable String category,
            @Nullable String question,
            @Nullable String answer,
            List<UUID> recipients) {}

    private static final tools.jackson.core.type.TypeReference<List<StoredRoute>> ROUTES =
            new tools.jackson.core.type.TypeReference<>() {};

    private byte[] routesTag(UUID channel, UUID organization, String stored) {
        return secrets.tag(
                "channel-routes",
                ServerSecrets.field(channel),
                ServerSecrets.field(organization),
                ServerSecrets.field(stored));
    }

    /**
     * Reads a channel's routes; a set whose tag does not verify (rules written straight into the
     * database) counts as none, so reports go to the channel's own recipients, and raises an alert.
     */
    private List<Route> routes(UUID channel, UUID organization, String stored, byte @Nullable [] tag) {
        var read = JSON.readValue(stored, ROUTES);
        if (read.isEmpty() && tag == null) {
            return List.of();
        }
        var canonical = JSON.writeValueAsString(read);
        if (!secrets.verifyTag(
                tag,
                "channel-routes",
                ServerSecrets.field(channel),
                ServerSecrets.field(organization),
                ServerSecrets.field(canonical))) {
            audit.alert(new OrganizationId(organization), new IntegrityAlert("channel:" + channel + "/routes"));
            return List.of();
        }
        return read.stream()
                .map(route -> new Route(
                        route.category(),
                        route.question(),
                        route.answer(),
                        route.recipients().stream().map(StaffId::new).toList()))
                .toList();
    }

    /**
     * Creates a new organisation's default channel, with its first admin as recipient, in the
     * transaction that gave the organisation that admin.
     */
    @EventListener
    void on(FirstAdminJoined joined) {
        var slug = jdbc.sql("SELECT EXISTS (SELECT 1 FROM channel WHERE organization_id = ? AND slug = 'report')")
                        .param(joined.organization().value())
                        .query(Boolean.class)
                        .single()
                ? "report-" + UUID.randomUUID().toString().substring(0, 8)
                : "report";
        var id = ChannelId.random();
        insert(
                id,
                joined.organization(),
                new ChannelDraft(
                        slug,
                        "Report a concern",
                        "Tell us what happened. You do not have to give your name. After sending, you get a receipt: "
                                + "keep it to read our answers and add information later.",
                        "",
                        "",
                        "en",
                        Map.of(),
                        Receipt.Format.LETTERS,
                        Questionnaire.standard(),
                        List.of(joined.admin())));
        audit.record(joined.organization(), Actor.staff(joined.admin()), new ChannelAudit.Created(id));
    }

    private void insert(ChannelId id, OrganizationId organization, ChannelDraft draft) {
        var now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO channel (id, organization_id, slug, name, public_text, who_reads, retention, language,
                                     translations, receipt_format, questionnaire_version, recipients_tag, created_at,
                                     updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, 1, ?, ?, ?)""")
                .params(
                        id.value(),
                        organization.value(),
                        draft.slug(),
                        draft.name().strip(),
                        draft.publicText().strip(),
                        draft.whoReads().strip(),
                        draft.retention().strip(),
                        draft.language(),
                        translations(draft),
                        draft.receiptFormat().name(),
                        recipientsTag(id, organization, 1, draft.recipients()),
                        now,
                        now)
                .update();
        insertQuestionnaire(id, organization, 1, draft.questionnaire());
        setRecipients(id, organization, draft.recipients());
    }

    /** Returns the draft's translations as stored: stripped, blank ones left out. */
    private static String translations(ChannelDraft draft) {
        var kept = new java.util.TreeMap<String, ChannelText>();
        draft.translations().forEach((lang, text) -> {
            var stripped = new ChannelText(
                    text.name().strip(),
                    text.publicText().strip(),
                    text.whoReads().strip(),
                    text.retention().strip());
            if (!stripped.isBlank()) {
                kept.put(lang, stripped);
            }
        });
        return JSON.writeValueAsString(kept);
    }

    private void insertQuestionnaire(
            ChannelId id, OrganizationId organization, int version, Questionnaire questionnaire) {
        jdbc.sql("""
                INSERT INTO questionnaire (channel_id, organization_id, version, definition, created_at)
                VALUES (?, ?, ?, ?::jsonb, ?)""")
                .params(
                        id.value(),
                        organization.value(),
                        version,
                        JSON.writeValueAsString(questionnaire),
                        Timestamp.from(clock.instant()))
                .update();
    }

    private byte[] recipientsTag(ChannelId id, OrganizationId organization, int version, List<StaffId> recipients) {
        return RecipientSetTag.of(
                secrets,
                id.value(),
                organization.value(),
                version,
                recipients.stream().map(StaffId::value).toList());
    }

    private void setRecipients(ChannelId id, OrganizationId organization, List<StaffId> recipients) {
        jdbc.sql("DELETE FROM channel_recipient WHERE channel_id = ?")
                .param(id.value())
                .update();
        for (var recipient : new LinkedHashSet<>(recipients)) {
            jdbc.sql("INSERT INTO channel_recipient (channel_id, organization_id, staff_id) VALUES (?, ?, ?)")
                    .params(id.value(), organization.value(), recipient.value())
                    .update();
        }
    }

    private void check(OrganizationId organization, ChannelDraft draft, @Nullable ChannelId self) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!Slugs.isValid(draft.slug())) {
            errors.put("slug", "error.slug.invalid");
        } else if (jdbc.sql(
                        "SELECT EXISTS (SELECT 1 FROM channel WHERE organization_id = ? AND slug = ? AND id IS DISTINCT FROM ?)")
                .params(organization.value(), draft.slug(), self == null ? null : self.value())
                .query(Boolean.class)
                .single()) {
            errors.put("slug", "error.slug.taken");
        }
        text("name", draft.name(), 200, true, errors);
        text("publicText", draft.publicText(), 10_000, false, errors);
        text("whoReads", draft.whoReads(), 2_000, false, errors);
        text("retention", draft.retention(), 2_000, false, errors);
        if (!Languages.SUPPORTED_TAGS.contains(draft.language())) {
            errors.put("language", "error.language.invalid");
        }
        draft.translations().forEach((lang, translated) -> {
            var field = "translations[" + lang + "]";
            if (!Languages.SUPPORTED_TAGS.contains(lang) || lang.equals(draft.language())) {
                errors.put(field, "error.language.invalid");
                return;
            }
            text(field + ".name", translated.name(), 200, false, errors);
            text(field + ".publicText", translated.publicText(), 10_000, false, errors);
            text(field + ".whoReads", translated.whoReads(), 2_000, false, errors);
            text(field + ".retention", translated.retention(), 2_000, false, errors);
        });
        var questions = draft.questionnaire().questions();
        if (questions.isEmpty()) {
            errors.put("questions", "error.questions.empty");
        }
        if (questions.size() > 100) {
            errors.put("questions", "error.too-long");
        }
        var keys = new HashSet<String>();
        for (int i = 0; i < questions.size(); i++) {
            var question = questions.get(i);
            var field = "questions[" + i + "]";
            if (!KEY.matcher(question.key()).matches() || !keys.add(question.key())) {
                errors.put(field + ".key", "error.key.invalid");
            }
            text(field + ".label", question.label(), 500, true, errors);
            text(field + ".help", question.help(), 2_000, false, errors);
            if (question.identity() && question.type() == QuestionType.FILES) {
                // files are sealed with the report; an identity goes to the vault as text
                errors.put(field + ".identity", "error.question.identity-files");
            } else if (question.identity() && question.required()) {
                // reporting stays anonymous unless the reporter chooses otherwise
                errors.put(field + ".identity", "error.question.identity-required");
            }
            if (question.type().hasOptions()) {
                if (question.options().isEmpty() || question.options().size() > 100) {
                    errors.put(field + ".options", "error.options.invalid");
                }
                for (var option : question.options()) {
                    text(field + ".options", option, 500, true, errors);
                }
            } else if (!question.options().isEmpty()) {
                errors.put(field + ".options", "error.options.invalid");
            }
            for (var translated : question.translations().entrySet()) {
                var lang = translated.getKey();
                var prefix = "translations[" + lang + "]." + field;
                if (!Languages.SUPPORTED_TAGS.contains(lang) || lang.equals(draft.language())) {
                    errors.put(prefix, "error.language.invalid");
                    continue;
                }
                text(prefix + ".label", translated.getValue().label(), 500, false, errors);
                text(prefix + ".help", translated.getValue().help(), 2_000, false, errors);
                var options = translated.getValue().options();
                if (!options.isEmpty() && options.size() != question.options().size()) {
                    errors.put(prefix + ".options", "error.options.count");
                }
                for (var option : options) {
                    text(prefix + ".options", option, 500, false, errors);
                }
            }
        }
        var categoryKeys = new HashSet<String>();
        for (var category : draft.questionnaire().categories()) {
            if (!KEY.matcher(category.key()).matches() || !categoryKeys.add(category.key())) {
                errors.put("categories", "error.key.invalid");
            }
            text("categories", category.label(), 200, true, errors);
            for (var translated : category.translations().entrySet()) {
                if (!Languages.SUPPORTED_TAGS.contains(translated.getKey())
                        || translated.getKey().equals(draft.language())) {
                    errors.put("translations[" + translated.getKey() + "].categories", "error.language.invalid");
                } else {
                    text(
                            "translations[" + translated.getKey() + "].categories",
                            translated.getValue(),
                            200,
                            false,
                            errors);
                }
            }
        }
        if (draft.recipients().isEmpty()) {
            errors.put("recipients", "error.recipients.empty");
        } else if (staff.members(organization, draft.recipients()).size() != new HashSet<>(draft.recipients()).size()) {
            errors.put("recipients", "error.recipients.invalid");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    /** Checks a text an admin wrote: present if required, not too long, no control character but line breaks and tabs. */
    private static void text(String field, String value, int max, boolean required, Map<String, String> errors) {
        if (required && value.isBlank()) {
            errors.putIfAbsent(field, "error.required");
        } else if (value.length() > max) {
            errors.putIfAbsent(field, "error.too-long");
        } else if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            errors.putIfAbsent(field, "error.control-characters");
        }
    }

    private static final String SELECT = """
            SELECT c.id, c.organization_id, c.slug, c.name, c.public_text, c.receipt_format, c.questionnaire_version,
                   q.definition,
                   ARRAY(SELECT r.staff_id FROM channel_recipient r WHERE r.channel_id = c.id ORDER BY r.staff_id),
                   c.recipients_tag, c.who_reads, c.retention, c.language, c.translations, c.policy_profile_id,
                   c.routes, c.routes_tag
            FROM channel c JOIN questionnaire q ON q.channel_id = c.id AND q.version = c.questionnaire_version""";

    private Optional<Channel> find(String where, Object... params) {
        return jdbc.sql(SELECT + " WHERE " + where)
                .params(params)
                .query(this::channel)
                .optional();
    }

    private record PublishedAt(OrganizationId organization, String slug) {}

    /**
     * Maps a channel row. A recipient set whose tag does not verify (a recipient or a version written
     * straight into the database) counts as no recipient at all, so nothing is sealed to it and an
     * admin who opens the channel chooses its recipients afresh; an integrity alert is recorded.
     */
    private Channel channel(ResultSet rs, int row) throws SQLException {
        var id = rs.getObject(1, UUID.class);
        var organization = rs.getObject(2, UUID.class);
        var version = rs.getInt(7);
        var policy = rs.getObject(15, UUID.class);
        var stored = new ArrayList<UUID>();
        for (Object recipient : (Object[]) rs.getArray(9).getArray()) {
            stored.add((UUID) recipient);
        }
        var recipients = new ArrayList<StaffId>();
        if (RecipientSetTag.verify(secrets, rs.getBytes(10), id, organization, version, stored)) {
            stored.forEach(recipient -> recipients.add(new StaffId(recipient)));
        } else {
            audit.alert(new OrganizationId(organization), new IntegrityAlert("channel:" + id));
        }
        return new Channel(
                new ChannelId(id),
                new OrganizationId(organization),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                JSON.readValue(rs.getString(14), TRANSLATIONS),
                Receipt.Format.valueOf(rs.getString(6)),
                version,
                JSON.readValue(rs.getString(8), Questionnaire.class),
                recipients,
                policy == null
                        ? PolicyProfileId.preset(new OrganizationId(organization), PolicyProfiles.EU_INTERNAL)
                        : new PolicyProfileId(policy),
                routes(id, organization, rs.getString(16), rs.getBytes(17)));
    }
}
