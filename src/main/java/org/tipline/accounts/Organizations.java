package org.tipline.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.internal.Fields;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.Slugs;
import org.tipline.shared.StaffPrincipal;

/**
 * The organisations (tenants) of an installation. The first is created at set-up and is the home
 * organisation, which answers the short reporter addresses; the installation operator creates the
 * others, each with an invitation for its first admin.
 */
@Service
public class Organizations {

    /** Organisations by slug, for the reporter path; only found ones are kept, for a few seconds. */
    private final Cache<String, Organization> bySlug = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(5))
            .build();

    /** The key of the home organisation in {@link #bySlug}: never a valid slug. */
    private static final String HOME = " home";

    private final JdbcClient jdbc;
    private final Invitations invitations;
    private final AuditLog audit;
    private final Clock clock;

    Organizations(JdbcClient jdbc, Invitations invitations, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.invitations = invitations;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * An organisation as everyone may know it: its id, address name and display name, and which
     * version of its logo reporter pages show (0: none).
     */
    public record Organization(OrganizationId id, String slug, String name, boolean home, int logoVersion) {}

    /** A new organisation and the invitation of its first admin, whose link is shown to the operator once. */
    public record Created(Organization organization, Invitations.Issued invitation) {}

    /** Returns the organisation whose address name is {@code slug}. */
    public Optional<Organization> bySlug(String slug) {
        if (!Slugs.isValid(slug)) {
            return Optional.empty();
        }
        return Optional.ofNullable(bySlug.get(slug, key -> find("slug = ?", key).orElse(null)));
    }

    /**
     * Returns the home organisation, once set-up has created it. Asked on every request to a short
     * reporter address, so it is kept like an organisation found by slug (not before set-up).
     */
    public Optional<Organization> home() {
        return Optional.ofNullable(bySlug.get(HOME, key -> find("home").orElse(null)));
    }

    /**
     * Returns the organisation with {@code id}.
     *
     * @throws NoSuchElementException if there is none
     */
    @Transactional(readOnly = true)
    public Organization get(OrganizationId id) {
        return find("id = ?", id.value()).orElseThrow(() -> new NoSuchElementException("No such organisation"));
    }

    /** Lists every organisation, for the installation operator. */
    @Transactional(readOnly = true)
    public List<Organization> list(StaffPrincipal operator) {
        operator.require(Role.OPERATOR);
        return jdbc.sql(SELECT + " ORDER BY home DESC, lower(name), id")
                .query(Organizations::organization)
                .list();
    }

    /**
     * Sets the logo reporter pages show for the admin's organisation, redrawn from {@code upload}.
     *
     * @throws InvalidInput ({@code logo}) if it is not a PNG, JPEG or GIF of at most 512 KB
     */
    @Transactional
    public void setLogo(StaffPrincipal admin, byte[] upload) {
        admin.require(Role.ADMIN);
        var png = OrganizationLogo.redraw(upload);
        jdbc.sql("UPDATE organization SET logo = ?, logo_version = logo_version + 1 WHERE id = ?")
                .params(png, admin.organization().value())
                .update();
        audit.record(
                admin.organization(), Actor.staff(admin.id()), new AccountsAudit.LogoChanged(admin.organization()));
        bySlug.invalidateAll();
    }

    /** Removes the logo of the admin's organisation. */
    @Transactional
    public void removeLogo(StaffPrincipal admin) {
        admin.require(Role.ADMIN);
        jdbc.sql(
                        "UPDATE organization SET logo = NULL, logo_version = logo_version + 1 WHERE id = ? AND logo IS NOT NULL")
                .param(admin.organization().value())
                .update();
        audit.record(
                admin.organization(), Actor.staff(admin.id()), new AccountsAudit.LogoChanged(admin.organization()));
        bySlug.invalidateAll();
    }

    /** Returns the logo (a PNG) of the organisation at {@code slug}, if it has one. */
    @Transactional(readOnly = true)
    public Optional<byte[]> logo(String slug) {
        if (!Slugs.isValid(slug)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT logo FROM organization WHERE slug = ? AND logo IS NOT NULL")
                .param(slug)
                .query(byte[].class)
                .optional();
    }

    /** Lists every organisation with its public name and address, for the reporters' directory. */
    @Transactional(readOnly = true)
    public List<Organization> directory() {
        return jdbc.sql(SELECT + " ORDER BY home DESC, lower(name), id")
                .query(Organizations::organization)
                .list();
    }

    /**
     * Creates an organisation and invites its first admin, on behalf of the installation operator.
     *
     * @throws InvalidInput if a field is wrong or the slug is taken
     */
    @Transactional
    public Created create(StaffPrincipal operator, String name, String slug, String adminName, String adminEmail) {
        operator.require(Role.OPERATOR);
        Map<String, String> errors = new LinkedHashMap<>();
        Fields.text("name", name, 200, errors);
        checkSlug(slug, errors);
        Fields.text("adminName", adminName, 200, errors);
        Fields.email("adminEmail", adminEmail, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        var id = OrganizationId.random();
        insert(id, name.strip(), slug, false);
        audit.record(AuditLog.INSTALLATION, Actor.staff(operator.id()), new AccountsAudit.OrganizationCreated(id));
        audit.record(id, Actor.staff(operator.id()), new AccountsAudit.OrganizationCreated(id));
        var invitation = invitations.inviteFirstAdmin(operator, id, adminEmail.strip(), adminName.strip());
        return new Created(get(id), invitation);
    }

    /** Inserts an organisation; set-up inserts the home one. */
    void insert(OrganizationId id, String name, String slug, boolean home) {
        jdbc.sql("INSERT INTO organization (id, name, slug, home, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id.value(), name, slug, home, Timestamp.from(clock.instant()))
                .update();
    }

    /** Adds an error for {@code slug} unless it is well-formed and free. */
    void checkSlug(String slug, Map<String, String> errors) {
        if (!Slugs.isValid(slug)) {
            errors.put("slug", "error.slug.invalid");
        } else if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM organization WHERE slug = ?)")
                .param(slug)
                .query(Boolean.class)
                .single()) {
            errors.put("slug", "error.slug.taken");
        }
    }

    private static final String SELECT = "SELECT id, slug, name, home, logo_version FROM organization";

    private Optional<Organization> find(String where, Object... params) {
        return jdbc.sql(SELECT + " WHERE " + where)
                .params(params)
                .query(Organizations::organization)
                .optional();
    }

    private static Organization organization(ResultSet rs, int row) throws SQLException {
        return new Organization(
                new OrganizationId(rs.getObject(1, UUID.class)),
                rs.getString(2),
                rs.getString(3),
                rs.getBoolean(4),
                rs.getInt(5));
    }
}
