package org.tipline.identity.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.tipline.identity.Vault;
import org.tipline.identity.Vaults;
import org.tipline.shared.StaffId;
import org.tipline.shared.StaffPrincipal;

/** The identity vault through the API: admins create it; admins and custodians see who holds it. */
@RestController
class VaultApiController {

    record Creation(
            @Nullable Integer k,
            @Nullable List<UUID> custodians,
            @Nullable Boolean acceptSingleCustodian,
            @Nullable Boolean legalRoute) {}

    /** The vault as it stands: no secret. */
    record View(
            int version,
            int k,
            int n,
            boolean singleCustodianAccepted,
            boolean legalRoute,
            String fingerprint,
            List<CustodianView> custodians,
            Instant createdAt) {

        static View of(Vault vault) {
            return new View(
                    vault.version(),
                    vault.k(),
                    vault.n(),
                    vault.singleCustodianAccepted(),
                    vault.legalRoute(),
                    vault.publicKey().fingerprint(),
                    vault.custodians().stream()
                            .map(c -> new CustodianView(c.id().value(), c.name(), c.share()))
                            .toList(),
                    vault.createdAt());
        }
    }

    record CustodianView(UUID id, String name, int share) {}

    private final Vaults vaults;
    private final org.tipline.identity.VaultChanges changes;

    VaultApiController(Vaults vaults, org.tipline.identity.VaultChanges changes) {
        this.vaults = vaults;
        this.changes = changes;
    }

    record Proposal(
            @Nullable Integer k,
            @Nullable List<UUID> custodians,
            @Nullable Boolean acceptSingleCustodian) {}

    /** An admin proposes new custodians and k; k current custodians then release, and the proposer completes. */
    @PostMapping("/api/v1/vault/changes")
    @ResponseStatus(HttpStatus.CREATED)
    org.tipline.identity.VaultChanges.Change propose(
            @AuthenticationPrincipal StaffPrincipal admin, @RequestBody Proposal body) {
        return changes.propose(
                admin,
                body.k() == null ? 0 : body.k(),
                body.custodians() == null
                        ? List.of()
                        : body.custodians().stream().map(StaffId::new).toList(),
                Boolean.TRUE.equals(body.acceptSingleCustodian()));
    }

    @GetMapping("/api/v1/vault/changes/open")
    org.tipline.identity.VaultChanges.Change openChange(@AuthenticationPrincipal StaffPrincipal viewer) {
        return changes.open(viewer).orElseThrow(() -> new java.util.NoSuchElementException("No open change"));
    }

    @PostMapping("/api/v1/vault/changes/{id}/release")
    org.tipline.identity.VaultChanges.Change releaseForChange(
            org.tipline.crypto.Keyring custodian, @org.springframework.web.bind.annotation.PathVariable UUID id) {
        return changes.release(custodian, id);
    }

    @PostMapping("/api/v1/vault/changes/{id}/complete")
    View complete(org.tipline.crypto.Keyring proposer, @org.springframework.web.bind.annotation.PathVariable UUID id) {
        return View.of(changes.complete(proposer, id));
    }

    @PostMapping("/api/v1/vault/changes/{id}/cancel")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void cancel(
            @AuthenticationPrincipal StaffPrincipal admin,
            @org.springframework.web.bind.annotation.PathVariable UUID id) {
        changes.cancel(admin, id);
    }

    @GetMapping("/api/v1/vault")
    View get(@AuthenticationPrincipal StaffPrincipal viewer) {
        return vaults.get(viewer).map(View::of).orElseThrow(() -> new java.util.NoSuchElementException("No vault"));
    }

    @PostMapping("/api/v1/vault")
    @ResponseStatus(HttpStatus.CREATED)
    View create(@AuthenticationPrincipal StaffPrincipal admin, @RequestBody Creation body) {
        return View.of(vaults.create(
                admin,
                body.k() == null ? 0 : body.k(),
                body.custodians() == null
                        ? List.of()
                        : body.custodians().stream().map(StaffId::new).toList(),
                Boolean.TRUE.equals(body.acceptSingleCustodian()),
                Boolean.TRUE.equals(body.legalRoute())));
    }
}
