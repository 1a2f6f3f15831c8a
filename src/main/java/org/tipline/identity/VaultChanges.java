package org.tipline.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tipline.accounts.StaffDirectory;
import org.tipline.audit.Actor;
import org.tipline.audit.AuditLog;
import org.tipline.crypto.Keyring;
import org.tipline.crypto.PrivateKey;
import org.tipline.crypto.VaultShare;
import org.tipline.reports.ReportId;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.Role;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;

/**
 * Changing who holds the vault (CRYPTO.md, key 7). An admin proposes the new custodians and k; k
 * of the current custodians each release their share, opened with their own key and sealed again
 * to the proposer, bound to this change; the proposer's call then rebuilds the vault key, checks it
 * against the vault's public key, makes a new key pair, seals every identity of the organisation
 * again to the new public key, splits the new private key among the new custodians, deletes the old
 * shares and the released ones, and forgets both keys — all in one transaction. A removed custodian's
 * old share opens nothing that is stored afterwards. Disclosures waiting for releases need them
 * again under the new version.
 */
@Service
public class VaultChanges {

    /** A proposed change as staff see it: no secret. */
    public record Change(
            UUID id,
            int fromVersion,
            int k,
            List<StaffId> custodians,
            StaffId proposedBy,
            Instant proposedAt,
            String state,
            int released,
            int needed,
            boolean releasedByViewer) {
        public Change {
            custodians = List.copyOf(custodians);
        }
    }

    private final JdbcClient jdbc;
    private final Vaults vaults;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final Clock clock;

    VaultChanges(JdbcClient jdbc, Vaults vaults, StaffDirectory staff, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.vaults = vaults;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Proposes new custodians and k for the organisation's vault.
     *
     * @throws org.tipline.shared.InvalidInput as for creating a vault
     * @throws VaultRefused if there is no vault, or a change is open already
     */
    @Transactional
    public Change propose(StaffPrincipal admin, int k, List<StaffId> custodians, boolean acceptSingleCustodian) {
        admin.require(Role.ADMIN);
        var organization = admin.organization();
        var chosen = vaults.validate(organization, k, custodians, acceptSingleCustodian);
        var vault = vaults.current(organization).orElseThrow(VaultRefused::none);
        if (open(organization).isPresent()) {
            throw VaultRefused.changing();
        }
        var id = UUID.randomUUID();
        try {
            jdbc.sql("""
                            INSERT INTO vault_change (id, organization_id, from_version, k, custodians, single_custodian_accepted,
                                                      proposed_by, proposed_at, state)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')""")
                    .params(
                            id,
                            organization.value(),
                            vault.version(),
                            k,
                            chosen.stream().map(StaffId::value).toArray(UUID[]::new),
                            acceptSingleCustodian && k == 1,
                            admin.id().value(),
                            Timestamp.from(clock.instant()))
                    .update();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw VaultRefused.changing();
        }
        audit.record(organization, Actor.staff(admin.id()), new IdentityAudit.VaultChangeStep("proposed", id));
        return get(admin, id);
    }

    /**
     * A current custodian releases their share for the open change, sealed to its proposer.
     *
     * @throws NoSuchElementException if they hold no share of the current vault, or there is no such open change
     * @throws VaultRefused if they released already, or enough did
     */
    @Transactional
    public Change release(Keyring custodian, UUID id) {
        var who = custodian.owner();
        var organization = who.organization();
        var change = locked(organization, id);
        var vault = vaults.current(organization).orElseThrow(VaultRefused::none);
        var share = vaults.share(vault, who.id()).orElseThrow(() -> new NoSuchElementException("No such change"));
        var released = releasedBy(id);
        if (released.contains(who.id().value())) {
            throw VaultRefused.releasedTwice();
        }
        if (released.size() >= vault.k()) {
            throw VaultRefused.enoughReleased();
        }
        var proposer = staff.recipients(organization, List.of(change.proposedBy())).stream()
                .findFirst()
                .orElseThrow(VaultRefused::changing);
        var opened = custodian.openShare(share.getKey(), share.getValue(), vault.context());
        jdbc.sql("""
                        INSERT INTO vault_change_release (change_id, custodian_id, share_index, wrapped, released_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(
                        id,
                        who.id().value(),
                        opened.index(),
                        opened.wrapTo(proposer.publicKey(), context(id)),
                        Timestamp.from(clock.instant()))
                .update();
        audit.record(organization, Actor.staff(who.id()), new IdentityAudit.VaultChangeStep("released", id));
        return get(who, id);
    }

    /**
     * The proposer completes the change once k current custodians released: every identity is
     * sealed again to a new key, split among the new custodians.
     *
     * @throws NoSuchElementException if there is no such open change of theirs
     * @throws VaultRefused if fewer than k released
     */
    @Transactional
    public Vault complete(Keyring proposer, UUID id) {
        var who = proposer.owner();
        var organization = who.organization();
        var change = locked(organization, id);
        if (!change.proposedBy().equals(who.id())) {
            throw new NoSuchElementException("No such change");
        }
        var vault = vaults.current(organization).orElseThrow(VaultRefused::none);
        var wrapped = jdbc.sql("SELECT share_index, wrapped FROM vault_change_release WHERE change_id = ?")
                .param(id)
                .query((rs, i) -> Map.entry(rs.getInt(1), rs.getBytes(2)))
                .list();
        if (wrapped.size() < vault.k()) {
            throw VaultRefused.notReleased();
        }
        var shares = new ArrayList<VaultShare>();
        for (var share : wrapped) {
            shares.add(proposer.openShare(share.getKey(), share.getValue(), context(id)));
        }
        var old = PrivateKey.join(shares, vault.publicKey());
        var fresh = PrivateKey.generate();
        var version = vault.version() + 1;
        vaults.store(
                organization,
                version,
                fresh,
                change.k(),
                change.custodians(),
                change.singleCustodianAccepted(),
                vault.legalRoute(),
                who.id());
        var identities = jdbc.sql("""
                        SELECT report_id, sealed FROM reporter_identity WHERE organization_id = ? FOR UPDATE""")
                .param(organization.value())
                .query((rs, i) -> Map.entry(new ReportId(rs.getObject(1, UUID.class)), rs.getBytes(2)))
                .list();
        var publicKey = fresh.publicKey();
        for (var identity : identities) {
            var context = Identities.context(identity.getKey());
            var record = old.openSealed(identity.getValue(), context);
            jdbc.sql("UPDATE reporter_identity SET sealed = ?, vault_version = ? WHERE report_id = ?")
                    .params(
                            publicKey.seal(record, context),
                            version,
                            identity.getKey().value())
                    .update();
        }
        jdbc.sql("DELETE FROM vault_share WHERE organization_id = ? AND version < ?")
                .params(organization.value(), version)
                .update();
        jdbc.sql("DELETE FROM vault_change_release WHERE change_id = ?")
                .param(id)
                .update();
        // shares released for disclosures were of the old key; they are asked for again
        jdbc.sql("""
                        DELETE FROM disclosure_release WHERE request_id IN
                            (SELECT id FROM disclosure_request WHERE organization_id = ?)""").param(organization.value()).update();
        jdbc.sql("UPDATE vault_change SET state = 'DONE', ended_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), id)
                .update();
        audit.record(
                organization,
                Actor.staff(who.id()),
                new IdentityAudit.VaultResplit(
                        version, change.k(), change.custodians().size(), identities.size()));
        return vaults.current(organization).orElseThrow();
    }

    /** An admin cancels the open change; what was released for it is deleted. */
    @Transactional
    public void cancel(StaffPrincipal admin, UUID id) {
        admin.require(Role.ADMIN);
        locked(admin.organization(), id);
        jdbc.sql("DELETE FROM vault_change_release WHERE change_id = ?")
                .param(id)
                .update();
        jdbc.sql("UPDATE vault_change SET state = 'CANCELLED', ended_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), id)
                .update();
        audit.record(admin.organization(), Actor.staff(admin.id()), new IdentityAudit.VaultChangeStep("cancelled", id));
    }

    /** Returns the organisation's open change, if any, as {@code viewer} (an admin or custodian) sees it. */
    @Transactional(readOnly = true)
    public Optional<Change> open(StaffPrincipal viewer) {
        if (!viewer.has(Role.ADMIN) && !viewer.has(Role.CUSTODIAN)) {
            return Optional.empty();
        }
        return open(viewer.organization()).map(id -> get(viewer, id));
    }

    private Optional<UUID> open(OrganizationId organization) {
        return jdbc.sql("SELECT id FROM vault_change WHERE organization_id = ? AND state = 'OPEN'")
                .param(organization.value())
                .query(UUID.class)
                .optional();
    }

    private Change get(StaffPrincipal viewer, UUID id) {
        var row = row(viewer.organization(), id, false);
        var released = releasedBy(id);
        var needed = vaults.current(viewer.organization()).map(Vault::k).orElse(0);
        return new Change(
                row.id(),
                row.fromVersion(),
                row.k(),
                row.custodians(),
                row.proposedBy(),
                row.proposedAt(),
                row.state(),
                released.size(),
                needed,
                released.contains(viewer.id().value()));
    }

    private Row locked(OrganizationId organization, UUID id) {
        var row = row(organization, id, true);
        if (!row.state().equals("OPEN")) {
            throw new NoSuchElementException("No such change");
        }
        return row;
    }

    private Row row(OrganizationId organization, UUID id, boolean lock) {
        return jdbc.sql("""
                        SELECT id, from_version, k, custodians, single_custodian_accepted, proposed_by, proposed_at, state
                        FROM vault_change WHERE organization_id = ? AND id = ?""" + (lock ? " FOR UPDATE" : ""))
                .params(organization.value(), id)
                .query((rs, i) -> new Row(
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        rs.getInt(3),
                        java.util.Arrays.stream((UUID[]) rs.getArray(4).getArray())
                                .map(StaffId::new)
                                .toList(),
                        rs.getBoolean(5),
                        new StaffId(rs.getObject(6, UUID.class)),
                        rs.getTimestamp(7).toInstant(),
                        rs.getString(8)))
                .optional()
                .orElseThrow(() -> new NoSuchElementException("No such change"));
    }

    private java.util.Set<UUID> releasedBy(UUID id) {
        return new java.util.HashSet<>(jdbc.sql("SELECT custodian_id FROM vault_change_release WHERE change_id = ?")
                .param(id)
                .query(UUID.class)
                .list());
    }

    static String context(UUID id) {
        return "vault-change:" + id;
    }

    private record Row(
            UUID id,
            int fromVersion,
            int k,
            List<StaffId> custodians,
            boolean singleCustodianAccepted,
            StaffId proposedBy,
            Instant proposedAt,
            String state) {}
}
