package org.tipline.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.internal.StaffKeyTag;
import org.tipline.audit.AuditLog;
import org.tipline.audit.IntegrityAlert;
import org.tipline.crypto.PublicKey;
import org.tipline.crypto.ServerSecrets;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;
import org.tipline.shared.TamperingDetected;

/** Looks up staff members of an organisation, with their roles and public keys. */
@Service
@Transactional
public class StaffDirectory {

    private static final String SELECT = """
            SELECT s.id, s.organization_id, s.email, s.display_name, s.public_key,
                   ARRAY(SELECT r.role FROM staff_role r WHERE r.staff_id = s.id ORDER BY r.role) AS roles
            FROM staff s""";

    /** Parsed public keys by their stored bytes: parsing builds a Tink primitive each time. */
    private static final Cache<ByteBuffer, PublicKey> KEYS =
            Caffeine.newBuilder().maximumSize(10_000).build();

    private final JdbcClient jdbc;
    private final ServerSecrets secrets;
    private final AuditLog audit;

    StaffDirectory(JdbcClient jdbc, ServerSecrets secrets, AuditLog audit) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.audit = audit;
    }

    /** Returns the active staff of an organisation, by name. */
    public List<StaffMember> members(OrganizationId organization) {
        return jdbc.sql(SELECT
                        + " WHERE s.organization_id = ? AND s.status = 'ACTIVE' ORDER BY lower(s.display_name), s.id")
                .param(organization.value())
                .query(StaffDirectory::member)
                .list();
    }

    /** Returns the active members among {@code ids} that belong to {@code organization}. */
    public List<StaffMember> members(OrganizationId organization, Collection<StaffId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var values = ids.stream().map(StaffId::value).toArray(UUID[]::new);
        return jdbc.sql(SELECT + " WHERE s.organization_id = ? AND s.status = 'ACTIVE' AND s.id = ANY(?)")
                .params(organization.value(), values)
                .query(StaffDirectory::member)
                .list();
    }

    /**
     * Returns the active members among {@code ids} in {@code organization} as recipients of a report,
     * each row checked against its integrity tag first.
     *
     * @throws TamperingDetected if a row's id, organisation, status or key is not what Tipline wrote;
     *     an integrity alert is recorded for the organisation's admins and nothing is returned
     */
    public List<Recipient> recipients(OrganizationId organization, Collection<StaffId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var rows = jdbc.sql("""
                SELECT id, organization_id, status, public_key, key_tag FROM staff
                WHERE organization_id = ? AND status = 'ACTIVE' AND id = ANY(?)""")
                .params(organization.value(), ids.stream().map(StaffId::value).toArray(UUID[]::new))
                .query((rs, i) -> new KeyRow(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getBytes(4),
                        rs.getBytes(5)))
                .list();
        var recipients = new ArrayList<Recipient>(rows.size());
        for (var row : rows) {
            if (!StaffKeyTag.verify(secrets, row.tag(), row.id(), row.organization(), row.status(), row.publicKey())) {
                audit.alert(organization, new IntegrityAlert("staff:" + row.id()));
                throw new TamperingDetected();
            }
            recipients.add(new Recipient(new StaffId(row.id()), organization, publicKey(row.publicKey())));
        }
        return recipients;
    }

    private record KeyRow(UUID id, UUID organization, String status, byte[] publicKey, byte[] tag) {}

    /** Returns one active member of {@code organization}. */
    public Optional<StaffMember> find(OrganizationId organization, StaffId id) {
        return members(organization, List.of(id)).stream().findFirst();
    }

    /** Returns the active staff member with {@code id}, in whichever organisation (session resolution). */
    public Optional<StaffMember> active(StaffId id) {
        return jdbc.sql(SELECT + " WHERE s.id = ? AND s.status = 'ACTIVE'")
                .param(id.value())
                .query(StaffDirectory::member)
                .optional();
    }

    /**
     * Returns the display names of {@code ids} in {@code organization}, active or not: what a thread
     * shows for a member who wrote in it and has left since.
     */
    public Map<StaffId, String> names(OrganizationId organization, Collection<StaffId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        var names = new HashMap<StaffId, String>();
        jdbc.sql("SELECT id, display_name FROM staff WHERE organization_id = ? AND id = ANY(?)")
                .params(organization.value(), ids.stream().map(StaffId::value).toArray(UUID[]::new))
                .query((rs, i) -> names.put(new StaffId(rs.getObject(1, UUID.class)), rs.getString(2)))
                .list();
        return names;
    }

    static StaffMember member(ResultSet rs, int row) throws SQLException {
        return new StaffMember(
                new StaffId(rs.getObject(1, UUID.class)),
                new OrganizationId(rs.getObject(2, UUID.class)),
                rs.getString(3),
                rs.getString(4),
                roles(rs.getArray(6)),
                publicKey(rs.getBytes(5)));
    }

    private static PublicKey publicKey(byte[] bytes) {
        return KEYS.get(ByteBuffer.wrap(bytes), key -> PublicKey.fromBytes(key.array()));
    }

    static Set<Role> roles(Array array) throws SQLException {
        var roles = EnumSet.noneOf(Role.class);
        for (Object value : (Object[]) array.getArray()) {
            roles.add(Role.valueOf((String) value));
        }
        return roles;
    }
}
