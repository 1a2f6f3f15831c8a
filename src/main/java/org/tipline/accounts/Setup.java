package org.tipline.accounts;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.tipline.accounts.internal.Credentials;
import org.tipline.accounts.internal.Fields;
import org.tipline.accounts.internal.StaffRecords;
import org.tipline.accounts.internal.Totp;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.crypto.Randomness;
import org.tipline.crypto.RecoveryCode;
import org.tipline.crypto.ServerSecrets;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.Slugs;
import org.tipline.shared.StaffId;

/**
 * First-run set-up: while no organisation exists, a one-time code printed on the console lets one
 * person set up the installation: they become its operator and, in the same step, create the home
 * organisation and become its first admin. Never a default password.
 *
 * @see FirstAdminJoined
 */
@Service
public class Setup {

    private static final Logger log = LoggerFactory.getLogger(Setup.class);

    private final JdbcClient jdbc;
    private final ServerSecrets secrets;
    private final Organizations organizations;
    private final Credentials credentials;
    private final StaffRecords staff;
    private final Totp totp;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Setup(
            JdbcClient jdbc,
            ServerSecrets secrets,
            Organizations organizations,
            Credentials credentials,
            StaffRecords staff,
            Totp totp,
            AuditLog audit,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.organizations = organizations;
        this.credentials = credentials;
        this.staff = staff;
        this.totp = totp;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * What the set-up form or API call carries; a blank {@code organizationSlug} is derived from the
     * organisation's name.
     */
    public record Command(
            String setupCode,
            String organizationName,
            String organizationSlug,
            String displayName,
            String email,
            String password,
            @Nullable String passwordConfirmation,
            String totpSecret,
            @Nullable String totpCode) {
        @Override
        public String toString() {
            return "Setup.Command[redacted]";
        }
    }

    /** The outcome: the recovery code and TOTP enrolment, shown once. */
    public record Completed(OrganizationId organization, StaffId admin, RecoveryCode recoveryCode, String otpauthUri) {
        @Override
        public String toString() {
            return "Setup.Completed[organization=" + organization + "]";
        }
    }

    /** Returns whether set-up is still to be done (no organisation exists). */
    @Transactional(readOnly = true)
    public boolean isOpen() {
        return !jdbc.sql("SELECT EXISTS (SELECT 1 FROM organization)")
                .query(Boolean.class)
                .single();
    }

    /** Prints a fresh set-up code on the console when set-up is still open. */
    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        if (isOpen()) {
            var code = issueCode();
            // Printed on the console on purpose (never a default password): whoever can read the
            // server's console may set it up. It is not written to any log file by Tipline.
            System.out.printf(
                    "%n==============================================================%n"
                            + "  Tipline is not set up yet. Open /setup and enter this code:%n%n"
                            + "      %s%n%n"
                            + "  It works once. Restarting prints a new one.%n"
                            + "==============================================================%n%n",
                    code);
        }
    }

    /** Replaces the set-up code with a fresh one and returns it; the old one stops working. */
    @Transactional
    public String issueCode() {
        var code = Randomness.bytes(10);
        var display = java.util.HexFormat.of().formatHex(code).toUpperCase(Locale.ROOT);
        var shown = display.substring(0, 5) + "-" + display.substring(5, 10) + "-" + display.substring(10, 15) + "-"
                + display.substring(15);
        jdbc.sql("""
                INSERT INTO setup_code (id, code_lookup, created_at) VALUES (1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET code_lookup = excluded.code_lookup, created_at = excluded.created_at
                WHERE setup_code.used_at IS NULL""").params(lookup(shown), Timestamp.from(clock.instant())).update();
        log.info("A set-up code was issued");
        return shown;
    }

    /**
     * Sets the installation up: the home organisation, and its first admin, who is also a handler
     * and the installation operator; through {@link FirstAdminJoined}, its default channel.
     *
     * @throws InvalidInput if a field is wrong or the code is wrong, used, or set-up is done
     */
    public Completed complete(Command command) {
        if (!isOpen()) {
            // set-up is done: nothing to check, nothing to write
            throw new InvalidInput(Map.of("setupCode", "error.setup.code"));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Fields.text("organizationName", command.organizationName(), 200, errors);
        var slug = command.organizationSlug().isBlank()
                ? defaultSlug(command.organizationName())
                : command.organizationSlug().strip();
        if (!Slugs.isValid(slug)) {
            errors.put("organizationSlug", "error.slug.invalid");
        }
        Fields.text("displayName", command.displayName(), 200, errors);
        Fields.email("email", command.email(), errors);
        try {
            credentials.checkEnrolment(
                    command.password(),
                    command.passwordConfirmation(),
                    command.totpSecret(),
                    command.totpCode(),
                    List.of(command.email(), command.displayName(), command.organizationName()));
        } catch (InvalidInput e) {
            errors.putAll(e.fieldErrors());
        }
        if (!command.totpSecret().matches("[A-Z2-7]{16,64}")) {
            errors.put("totpCode", "error.totp.wrong");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (!codeMatches(command.setupCode())) {
            refuse();
        }
        // the password is stretched before the transaction: no lock waits for Argon2id
        var admin = StaffId.random();
        var issued = credentials.issue(admin, command.password(), command.totpSecret());
        var organization = transactions.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('tipline:setup', 0))")
                    .query()
                    .singleValue();
            var consumed = jdbc.sql("""
                    UPDATE setup_code SET used_at = ? WHERE id = 1 AND code_lookup = ? AND used_at IS NULL""")
                    .params(Timestamp.from(clock.instant()), lookup(command.setupCode()))
                    .update();
            if (consumed != 1 || !isOpen()) {
                refuse();
            }
            var created = OrganizationId.random();
            organizations.insert(created, command.organizationName().strip(), slug, true);
            staff.insert(
                    admin,
                    created,
                    command.email().strip(),
                    command.displayName().strip(),
                    issued,
                    EnumSet.of(Role.ADMIN, Role.HANDLER, Role.SUPERVISOR, Role.OPERATOR));
            audit.record(created, Actor.staff(admin), new AccountsAudit.SetupCompleted(created));
            events.publishEvent(new FirstAdminJoined(created, admin));
            return created;
        });
        return new Completed(
                organization,
                admin,
                issued.recovery().code(),
                totp.enrolment(command.totpSecret(), command.email().strip()).uri());
    }

    private boolean codeMatches(String code) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM setup_code WHERE id = 1 AND code_lookup = ? AND used_at IS NULL)")
                .param(lookup(code))
                .query(Boolean.class)
                .single();
    }

    private void refuse() {
        audit.recordAlone(AuditLog.INSTALLATION, Actor.ANONYMOUS, new AccountsAudit.SetupRefused());
        throw new InvalidInput(Map.of("setupCode", "error.setup.code"));
    }

    private static String defaultSlug(String name) {
        var derived = Slugs.derive(name);
        return derived.isEmpty() ? "home" : derived;
    }

    private byte[] lookup(String code) {
        var normal = code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        return secrets.lookup("setup-code", normal.getBytes(StandardCharsets.UTF_8));
    }
}
