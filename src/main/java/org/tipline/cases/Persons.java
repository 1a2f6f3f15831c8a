package org.tipline.cases;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.crypto.Keyring;
import org.tipline.reports.ReportKey;
import org.tipline.shared.InvalidInput;

/**
 * Persons concerned: people a report names (the person it is about, witnesses, others), recorded by
 * the case's handlers under a pseudonym ({@code P-1}, {@code P-2}, … in the order recorded). Who a
 * person is stays sealed with the report key, bound to the case and the person, so only holders of
 * the case open it; everywhere else — the case page, exports, the timeline — the pseudonym stands
 * for them, and a holder sees who it is only by asking, which is audited.
 */
@Service
public class Persons {

    /** The longest description of who a person is. */
    public static final int IDENTITY_LIMIT = 2_000;

    /** What a person concerned is to the case. */
    public enum Role {
        SUBJECT,
        WITNESS,
        OTHER
    }

    /** A person concerned as pages and exports show them: their pseudonym, never who they are. */
    public record Person(UUID id, String pseudonym, Role role, Instant recordedAt) {}

    private final CaseManagement cases;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    Persons(CaseManagement cases, JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.cases = cases;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records a person named in a case granted to the keyring's owner and returns them with the
     * pseudonym they get.
     *
     * @throws InvalidInput if who they are is empty, too long or holds control characters
     * @throws NoSuchElementException if the case is not granted to them
     */
    @Transactional
    public Person record(Keyring keyring, CaseId id, Role role, String identity) {
        var text = identity.strip();
        if (text.isEmpty()) {
            throw new InvalidInput(Map.of("identity", "error.required"));
        }
        if (text.length() > IDENTITY_LIMIT || text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new InvalidInput(Map.of("identity", "error.too-long"));
        }
        var key = cases.unlock(keyring, id);
        var owner = keyring.owner();
        // one pseudonym per person: the case's row is locked while the next number is taken
        jdbc.sql("SELECT id FROM case_file WHERE id = ? FOR UPDATE")
                .param(id.value())
                .query(UUID.class)
                .single();
        var count = jdbc.sql("SELECT count(*) FROM case_person WHERE case_id = ?")
                .param(id.value())
                .query(Long.class)
                .single();
        var person = new Person(UUID.randomUUID(), "P-" + (count + 1), role, clock.instant());
        jdbc.sql("""
                        INSERT INTO case_person (id, case_id, organization_id, pseudonym, role, sealed_identity, recorded_by,
                                                 recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        person.id(),
                        id.value(),
                        owner.organization().value(),
                        person.pseudonym(),
                        role.name(),
                        key.seal(context(id, person.id()), text.getBytes(StandardCharsets.UTF_8)),
                        owner.id().value(),
                        Timestamp.from(person.recordedAt()))
                .update();
        audit.record(
                owner.organization(), Actor.staff(owner.id()), new CaseAudit.PersonRecorded(id, person.pseudonym()));
        return person;
    }

    /**
     * Returns the persons concerned of a case granted to {@code staff}, by pseudonym.
     *
     * @throws NoSuchElementException if the case is not granted to them
     */
    @Transactional(readOnly = true)
    public List<Person> list(org.tipline.shared.StaffPrincipal staff, CaseId id) {
        cases.granted(staff, id);
        return of(id);
    }

    /** Returns the persons concerned of a case, by pseudonym; metadata only. */
    @Transactional(readOnly = true)
    public List<Person> of(CaseId id) {
        return jdbc.sql(
                        "SELECT id, pseudonym, role, recorded_at FROM case_person WHERE case_id = ? ORDER BY recorded_at, pseudonym")
                .param(id.value())
                .query((rs, i) -> new Person(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        Role.valueOf(rs.getString(3)),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    /**
     * Returns who a person concerned of a case granted to the keyring's owner is; audited.
     *
     * @throws NoSuchElementException if the case is not granted to them, or the person is not of it
     */
    @Transactional
    public String reveal(Keyring keyring, CaseId id, UUID person) {
        var key = cases.unlock(keyring, id);
        var owner = keyring.owner();
        var text = reveal(key, id, person);
        var pseudonym = jdbc.sql("SELECT pseudonym FROM case_person WHERE id = ?")
                .param(person)
                .query(String.class)
                .single();
        audit.record(owner.organization(), Actor.staff(owner.id()), new CaseAudit.PersonRevealed(id, pseudonym));
        return text;
    }

    /** Opens who a person is with a key already opened for the case; the caller audits. */
    String reveal(ReportKey key, CaseId id, UUID person) {
        var sealed = jdbc.sql("SELECT sealed_identity FROM case_person WHERE id = ? AND case_id = ?")
                .params(person, id.value())
                .query(byte[].class)
                .optional()
                .orElseThrow(() -> new NoSuchElementException("No such person"));
        return new String(key.open(context(id, person), sealed), StandardCharsets.UTF_8);
    }

    /** Parses a role as sent ({@code subject}, {@code witness}, {@code other}). */
    public static Role role(String text) {
        try {
            return Role.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(Map.of("role", "error.person.role"));
        }
    }

    static String context(CaseId id, UUID person) {
        return "case:" + id + ":person:" + person;
    }
}
