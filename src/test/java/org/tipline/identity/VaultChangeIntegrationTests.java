package org.tipline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.crypto.CryptoException;
import org.tipline.crypto.PrivateKey;
import org.tipline.crypto.VaultShare;
import org.tipline.shared.OrganizationId;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestCustodians;
import org.tipline.support.TestDisclosures;
import org.tipline.support.TestOrganization;

/**
 * Changing custodians: an admin proposes, k current custodians release to the proposer (one
 * release each, no more than k, only current custodians), the proposer completes; every identity
 * is sealed again to a new key split among the new custodians, who open it — through a disclosure
 * too — while the old shares, even k of them, open nothing stored afterwards.
 */
@IntegrationTest
class VaultChangeIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    TestDisclosures disclosures;

    @Autowired
    TestCustodians custodianKeys;

    @Autowired
    JdbcClient jdbc;

    @Test
    void kCurrentCustodiansHandTheVaultToNewOnesAndTheOldSharesOpenNothingAfterwards() {
        var s = disclosures.setting(port, false);
        var http = s.http();
        var org = s.org();
        var admin = "Bearer " + organization.token(http, org.admin());
        var c = s.custodians();
        var newcomer = organization.invite(
                http, org.admin(), "Cora", "cora-" + UUID.randomUUID() + "@example.org", "CUSTODIAN");
        var organizationId = new OrganizationId(org.id());
        // what two of the old custodians could keep: their opened shares of version 1
        var oldShares = new ArrayList<VaultShare>();
        for (var custodian : List.of(c.get(0), c.get(2))) {
            oldShares.add(custodianKeys.release(custodian, org.id(), Vault.context(organizationId, 1)));
        }
        var oldKey = PrivateKey.join(oldShares, custodianKeys.vaultKey(org.id()));

        var proposal = Map.of(
                "k",
                2,
                "custodians",
                List.of(c.get(1).id().toString(), newcomer.id().toString()));
        assertThat(http.json(
                                "POST",
                                "/api/v1/vault/changes",
                                proposal,
                                "Authorization",
                                s.as(s.requester(), organization))
                        .status())
                .isEqualTo(403);
        assertThat(http.json(
                                "POST",
                                "/api/v1/vault/changes",
                                Map.of("k", 3, "custodians", proposal.get("custodians")),
                                "Authorization",
                                admin)
                        .status())
                .isEqualTo(422);
        var proposed = http.json("POST", "/api/v1/vault/changes", proposal, "Authorization", admin);
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        var id = proposed.json().get("id").asString();
        assertThat(http.json("POST", "/api/v1/vault/changes", proposal, "Authorization", admin)
                        .status())
                .isEqualTo(409);

        // the vault page shows the open change and, to a current custodian, the release button
        var custodianPage = new org.tipline.support.Http(port);
        organization.logInThroughPage(custodianPage, c.get(0));
        var page = custodianPage.get("/vault").html();
        assertThat(page.select("#vault-change")).hasSize(1);
        assertThat(page.select("#vault-change form[action$=/release]")).hasSize(1);
        assertThat(page.select("#vault-propose")).isEmpty();

        var release = "/api/v1/vault/changes/" + id + "/release";
        assertThat(http.json("POST", release, Map.of(), "Authorization", s.as(newcomer, organization))
                        .status())
                .as("not yet a custodian")
                .isEqualTo(404);
        assertThat(http.json("POST", release, Map.of(), "Authorization", s.as(c.get(0), organization))
                        .status())
                .isEqualTo(200);
        assertThat(http.json("POST", release, Map.of(), "Authorization", s.as(c.get(0), organization))
                        .status())
                .isEqualTo(409);
        var complete = "/api/v1/vault/changes/" + id + "/complete";
        assertThat(http.json("POST", complete, Map.of(), "Authorization", admin).status())
                .as("k − 1 released")
                .isEqualTo(409);
        assertThat(http.json("POST", release, Map.of(), "Authorization", s.as(c.get(1), organization))
                        .status())
                .isEqualTo(200);
        assertThat(http.json("POST", release, Map.of(), "Authorization", s.as(c.get(2), organization))
                        .status())
                .isEqualTo(409);
        var done = http.json("POST", complete, Map.of(), "Authorization", admin);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().get("version").asInt()).isEqualTo(2);
        assertThat(done.json().get("n").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM vault_share WHERE organization_id = ? AND version = 1")
                        .param(org.id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM vault_change_release")
                        .query(Long.class)
                        .single())
                .isZero();

        // the identity is sealed to the new key: the new custodians open it, the old key does not
        var sealed = jdbc.sql("SELECT sealed FROM reporter_identity WHERE report_id = ?")
                .param(s.report())
                .query(byte[].class)
                .single();
        var context = "report:" + s.report() + ":identity";
        assertThatThrownBy(() -> oldKey.openSealed(sealed, context)).isInstanceOf(CryptoException.class);
        var newShares = new ArrayList<VaultShare>();
        for (var custodian : List.of(c.get(1), newcomer)) {
            newShares.add(custodianKeys.release(custodian, org.id(), Vault.context(organizationId, 2)));
        }
        var newKey = PrivateKey.join(newShares, custodianKeys.vaultKey(org.id()));
        assertThat(new String(newKey.openSealed(sealed, context), StandardCharsets.UTF_8))
                .contains(TestDisclosures.NAME);

        // and a disclosure goes through with the new custodians
        var requester = s.as(s.requester(), organization);
        var request = disclosures.request(s, requester, "Hear the witness", List.of("name"), 5);
        disclosures.consent(s, request);
        assertThat(http.json(
                                "POST",
                                "/api/v1/disclosures/" + request + "/release",
                                Map.of(),
                                "Authorization",
                                s.as(c.get(0), organization))
                        .status())
                .as("a former custodian holds no share")
                .isEqualTo(404);
        for (var custodian : List.of(c.get(1), newcomer)) {
            assertThat(http.json(
                                    "POST",
                                    "/api/v1/disclosures/" + request + "/release",
                                    Map.of(),
                                    "Authorization",
                                    s.as(custodian, organization))
                            .status())
                    .isEqualTo(200);
        }
        assertThat(http.json("POST", "/api/v1/disclosures/" + request + "/open", Map.of(), "Authorization", requester)
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/api/v1/disclosures/" + request + "/identity", "Authorization", requester)
                        .json()
                        .get("name")
                        .get(0)
                        .asString())
                .isEqualTo(TestDisclosures.NAME);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'vault.resplit' AND organization_id = ?")
                        .param(org.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
