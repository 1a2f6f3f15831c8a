package org.tipline.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.StaffDirectory;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.crypto.PrivateKey;
import org.tipline.crypto.PublicKey;
import org.tipline.shared.InvalidInput;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;

/**
 * The organisation's identity vault (CRYPTO.md, key 7). An admin creates it for chosen custodians
 * (staff with the custodian role): a fresh key pair is made in memory, its private half split into
 * one Shamir share per custodian, each share sealed to that custodian's public key (read with its
 * integrity tag checked), and the private half forgotten; only the public key and the sealed
 * shares are stored. Any {@code k} custodians rebuild it; {@code k} = 1 only where the organisation
 * explicitly accepts a single custodian (warned on the page, audited as such).
 */
@Service
public class Vaults {

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final Clock clock;

    Vaults(JdbcClient jdbc, StaffDirectory staff, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates the organisation's vault, split {@code k} of the {@code custodians}.
     *
     * @throws InvalidInput if k is not between 1 and the number of custodians, k is 1 without
     *     {@code acceptSingleCustodian}, a custodian is named twice, or one is not an active
     *     custodian of the organisation
     * @throws VaultRefused if the organisation has a vault already
     * @throws org.tipline.shared.TamperingDetected if a custodian's key is not what Tipline wrote
     */
    @Transactional
    public Vault create(StaffPrincipal admin, int k, List<StaffId> custodians, boolean acceptSingleCustodian) {
        return create(admin, k, custodians, acceptSingleCustodian, false);
    }

    /**
     * Creates the organisation's vault, split {@code k} of the {@code custodians}; {@code
     * legalRoute} lets disclosures take the legal route (otherwise only the reporter's consent
     * opens an identity). Refusals as {@link #create(StaffPrincipal, int, List, boolean)}.
     */
    @Transactional
    public Vault create(
            StaffPrincipal admin, int k, List<StaffId> custodians, boolean acceptSingleCustodian, boolean legalRoute) {
        admin.require(Role.ADMIN);
        var organization = admin.organization();
        var chosen = validate(organization, k, custodians, acceptSingleCustodian);
        // one vault at a time: a second request waits here and then finds the first
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('vault:' || ?, 0))")
                .param(organization.value().toString())
                .query((rs, i) -> 1)
                .single();
        if (current(organization).isPresent()) {
            throw VaultRefused.exists();
        }
        var version = 1;
        var key = PrivateKey.generate();
        store(organization, version, key, k, chosen, acceptSingleCustodian, legalRoute, admin.id());
        audit.record(
                organization,
                Actor.staff(admin.id()),
                new IdentityAudit.VaultCreated(version, k, chosen.size(), acceptSingleCustodian && k == 1, legalRoute));
        return current(organization).orElseThrow();
    }

    /**
     * Checks a split: custodians named once, each an active custodian of the organisation, and
     * 1 ≤ k ≤ n with k = 1 only when accepted. Returns them in order.
     *
     * @throws InvalidInput naming what is wrong
     */
    List<StaffId> validate(
            OrganizationId organization, int k, List<StaffId> custodians, boolean acceptSingleCustodian) {
        var chosen = new LinkedHashSet<>(custodians);
        var errors = new HashMap<String, String>();
        if (chosen.size() != custodians.size() || chosen.isEmpty() || chosen.size() > 255) {
            errors.put("custodians", "error.vault.custodians");
        } else {
            var members = staff.members(organization, chosen);
            if (members.size() != chosen.size()
                    || members.stream().anyMatch(member -> !member.roles().contains(Role.CUSTODIAN))) {
                errors.put("custodians", "error.vault.custodians");
            }
        }
        if (k < 1 || k > chosen.size()) {
            errors.put("k", "error.vault.k");
        } else if (k == 1 && !acceptSingleCustodian) {
            errors.put("k", "error.vault.single");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new ArrayList<>(chosen);
    }

    /**
     * Stores version {@code version} of the organisation's vault: the public half of {@code key},
     * and its private half split {@code k} of the custodians, each share sealed to that custodian's
     * tag-checked public key. The private key itself is not stored.
     */
    void store(
            OrganizationId organization,
            int version,
            PrivateKey key,
            int k,
            List<StaffId> custodians,
            boolean acceptSingleCustodian,
            boolean legalRoute,
            StaffId by) {
        var recipients = new HashMap<StaffId, PublicKey>();
        staff.recipients(organization, custodians).forEach(r -> recipients.put(r.id(), r.publicKey()));
        if (recipients.size() != custodians.size()) {
            throw new InvalidInput(java.util.Map.of("custodians", "error.vault.custodians"));
        }
        var context = Vault.context(organization, version);
        var shares = key.split(k, custodians.size());
        jdbc.sql("""
                        INSERT INTO vault (organization_id, version, public_key, k, n, single_custodian_accepted, legal_route,
                                           created_at, created_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        organization.value(),
                        version,
                        key.publicKey().toBytes(),
                        k,
                        custodians.size(),
                        acceptSingleCustodian && k == 1,
                        legalRoute,
                        Timestamp.from(clock.instant()),
                        by.value())
                .update();
        for (int i = 0; i < custodians.size(); i++) {
            var share = shares.get(i);
            jdbc.sql("""
                            INSERT INTO vault_share (organization_id, version, share_index, custodian_id, wrapped)
                            VALUES (?, ?, ?, ?, ?)""")
                    .params(
                            organization.value(),
                            version,
                            share.index(),
                            custodians.get(i).value(),
                            share.wrapTo(recipients.get(custodians.get(i)), context))
                    .update();
        }
    }

    /** Returns the organisation's vault as an admin or custodian sees it (no secret), if it has one. */
    @Transactional(readOnly = true)
    public Optional<Vault> get(StaffPrincipal viewer) {
        if (!viewer.has(Role.ADMIN) && !viewer.has(Role.CUSTODIAN)) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "This needs the ADMIN or CUSTODIAN role");
        }
        return current(viewer.organization());
    }

    /**
     * Seals {@code record} (an identity, contact details) to the organisation's vault, bound to
     * {@code context}; empty when the organisation has no vault.
     */
    @Transactional(readOnly = true)
    public Optional<SealedIdentity> seal(OrganizationId organization, byte[] record, String context) {
        return current(organization)
                .map(vault ->
                        new SealedIdentity(vault.version(), vault.publicKey().seal(record, context)));
    }

    /** Returns whether the organisation's vault lets a disclosure take the legal route. */
    @Transactional(readOnly = true)
    public boolean allowsLegalRoute(OrganizationId organization) {
        return current(organization).map(Vault::legalRoute).orElse(false);
    }

    /** Returns whether {@code member} holds a share of their organisation's vault. */
    @Transactional(readOnly = true)
    public boolean holdsShare(StaffPrincipal member) {
        return current(member.organization())
                .map(vault -> vault.custodians().stream().anyMatch(c -> c.id().equals(member.id())))
                .orElse(false);
    }

    /** Returns whether {@code organization} has a vault. */
    @Transactional(readOnly = true)
    public boolean exists(OrganizationId organization) {
        return jdbc.sql("SELECT count(*) FROM vault WHERE organization_id = ?")
                        .param(organization.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** An identity sealed to a version of the vault. */
    public record SealedIdentity(int version, byte[] sealed) {
        @Override
        public String toString() {
            return "SealedIdentity[v" + version + "]";
        }
    }

    /** Returns the custodian's stored, sealed share of {@code vault}: its index and bytes, if they hold one. */
    Optional<Map.Entry<Integer, byte[]>> share(Vault vault, StaffId custodian) {
        return jdbc.sql("""
                        SELECT share_index, wrapped FROM vault_share
                        WHERE organization_id = ? AND version = ? AND custodian_id = ?""")
                .params(vault.organization().value(), vault.version(), custodian.value())
                .query((rs, i) -> Map.entry(rs.getInt(1), rs.getBytes(2)))
                .optional();
    }

    Optional<Vault> current(OrganizationId organization) {
        var custodians = new ArrayList<Vault.Custodian>();
        var names = new HashMap<UUID, String>();
        return jdbc.sql("""
                        SELECT version, public_key, k, n, single_custodian_accepted, created_at, legal_route FROM vault
                        WHERE organization_id = ? ORDER BY version DESC LIMIT 1""")
                .param(organization.value())
                .query((rs, i) -> new Object[] {
                    rs.getInt(1),
                    rs.getBytes(2),
                    rs.getInt(3),
                    rs.getInt(4),
                    rs.getBoolean(5),
                    rs.getTimestamp(6),
                    rs.getBoolean(7)
                })
                .optional()
                .map(row -> {
                    var version = (Integer) row[0];
                    var shares = jdbc.sql("""
                                    SELECT share_index, custodian_id FROM vault_share
                                    WHERE organization_id = ? AND version = ? ORDER BY share_index""")
                            .params(organization.value(), version)
                            .query((rs, i) -> Map.entry(rs.getInt(1), rs.getObject(2, UUID.class)))
                            .list();
                    staff.members(
                                    organization,
                                    shares.stream()
                                            .map(e -> new StaffId(e.getValue()))
                                            .toList())
                            .forEach(member -> names.put(member.id().value(), member.displayName()));
                    for (var share : shares) {
                        custodians.add(new Vault.Custodian(
                                new StaffId(share.getValue()),
                                names.getOrDefault(share.getValue(), ""),
                                share.getKey()));
                    }
                    return new Vault(
                            organization,
                            version,
                            PublicKey.fromBytes((byte[]) row[1]),
                            (Integer) row[2],
                            (Integer) row[3],
                            (Boolean) row[4],
                            (Boolean) row[6],
                            custodians,
                            ((Timestamp) row[5]).toInstant());
                });
    }
}
