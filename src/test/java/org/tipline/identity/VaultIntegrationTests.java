package org.tipline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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
import org.tipline.support.Http;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestCustodians;
import org.tipline.support.TestOrganization;

/**
 * The identity vault: an admin splits it 2 of 3 among custodians; what is stored (the public key
 * and the shares sealed to each custodian) opens an identity only when two custodians open their
 * shares with their own keys — one is not enough; bad requests store nothing; one custodian alone
 * needs the organisation's explicit acceptance, and is audited as such.
 */
@IntegrationTest
class VaultIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestOrganization organization;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Vaults vaults;

    @Autowired
    TestCustodians custodianKeys;

    @Test
    void twoOfThreeCustodiansOpenAnIdentityAndOneCannot() {
        var http = new Http(port);
        var other = organization.createOrganization(http, "Vaulted " + UUID.randomUUID());
        var admin = organization.token(http, other.admin());
        var custodians = List.of(
                organization.invite(
                        http, other.admin(), "Cato", "cato-" + UUID.randomUUID() + "@example.org", "CUSTODIAN"),
                organization.invite(
                        http, other.admin(), "Cleo", "cleo-" + UUID.randomUUID() + "@example.org", "CUSTODIAN"),
                organization.invite(
                        http, other.admin(), "Cyra", "cyra-" + UUID.randomUUID() + "@example.org", "CUSTODIAN"));
        var handler = organization.invite(
                http, other.admin(), "Hana", "hana-" + UUID.randomUUID() + "@example.org", "HANDLER");
        var ids = custodians.stream().map(c -> c.id().toString()).toList();

        // refused, and nothing stored
        assertThat(error(create(http, admin, 4, ids, false), "k")).isEqualTo("error.vault.k");
        assertThat(error(create(http, admin, 1, ids, false), "k")).isEqualTo("error.vault.single");
        assertThat(error(create(http, admin, 2, List.of(ids.get(0), ids.get(0)), false), "custodians"))
                .isEqualTo("error.vault.custodians");
        assertThat(error(create(http, admin, 2, List.of(ids.get(0), handler.id().toString()), false), "custodians"))
                .isEqualTo("error.vault.custodians");
        assertThat(create(http, organization.token(http, handler), 2, ids, false)
                        .status())
                .isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM vault WHERE organization_id = ?")
                        .param(other.id())
                        .query(Long.class)
                        .single())
                .isZero();

        var created = create(http, admin, 2, ids, false);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("k").asInt()).isEqualTo(2);
        assertThat(created.json().get("n").asInt()).isEqualTo(3);
        assertThat(created.json()
                        .get("custodians")
                        .valueStream()
                        .map(c -> c.get("name").asString()))
                .containsExactly("Cato", "Cleo", "Cyra");
        assertThat(create(http, admin, 2, ids, false).status()).isEqualTo(409);
        assertThat(http.get("/api/v1/vault", "Authorization", "Bearer " + organization.token(http, custodians.get(1)))
                        .json()
                        .get("fingerprint")
                        .asString())
                .isEqualTo(created.json().get("fingerprint").asString());
        assertThat(http.get("/api/v1/vault", "Authorization", "Bearer " + organization.token(http, handler))
                        .status())
                .isEqualTo(403);
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM audit_entry WHERE action = 'vault.created' AND subject = 'vault:v1/2-of-3/consent-only'"
                                        + " AND organization_id = ?")
                        .param(other.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // an identity sealed to the vault
        var org = new OrganizationId(other.id());
        var identity = vaults.seal(org, "Mei Chen, mei@example.org".getBytes(StandardCharsets.UTF_8), "identity:test")
                .orElseThrow();
        var publicKey = custodianKeys.vaultKey(other.id());

        // each custodian opens their own share with their own key; the third stays away
        var context = Vault.context(org, 1);
        var released = new java.util.ArrayList<VaultShare>();
        for (var custodian : custodians.subList(0, 2)) {
            released.add(custodianKeys.release(custodian, other.id(), context));
        }
        var single = List.of(released.get(1));
        assertThatThrownBy(() -> PrivateKey.join(single, publicKey)).isInstanceOf(CryptoException.class);
        var rebuilt = PrivateKey.join(released, publicKey);
        assertThat(new String(rebuilt.openSealed(identity.sealed(), "identity:test"), StandardCharsets.UTF_8))
                .isEqualTo("Mei Chen, mei@example.org");
        // a custodian's key opens no other custodian's share
        var share = custodianKeys.sealedShare(other.id(), custodians.get(2).id());
        var first = custodianKeys.key(custodians.get(0).id(), custodians.get(0).password());
        assertThatThrownBy(() -> VaultShare.unwrap(first, share.getKey(), share.getValue(), context))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void oneCustodianAloneNeedsTheOrganisationsAcceptance() {
        var http = new Http(port);
        var other = organization.createOrganization(http, "Small office " + UUID.randomUUID());
        var admin = organization.token(http, other.admin());
        var only = organization.invite(
                http, other.admin(), "Solo", "solo-" + UUID.randomUUID() + "@example.org", "CUSTODIAN");
        assertThat(error(create(http, admin, 1, List.of(only.id().toString()), false), "k"))
                .isEqualTo("error.vault.single");
        var created = create(http, admin, 1, List.of(only.id().toString()), true);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("singleCustodianAccepted").asBoolean()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'vault.created-single-custodian'"
                                + " AND organization_id = ?")
                        .param(other.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        var org = new OrganizationId(other.id());
        var publicKey = custodianKeys.vaultKey(other.id());
        var share = custodianKeys.release(only, other.id(), Vault.context(org, 1));
        assertThat(PrivateKey.join(List.of(share), publicKey).publicKey().toBytes())
                .isEqualTo(publicKey.toBytes());
    }

    @Test
    void anAdminCreatesTheVaultOnItsPageAndCustodiansSeeWhoHoldsIt() {
        var http = new Http(port);
        var other = organization.createOrganization(http, "Page vault " + UUID.randomUUID());
        var first = organization.invite(
                http, other.admin(), "Pia", "pia-" + UUID.randomUUID() + "@example.org", "CUSTODIAN");
        var second = organization.invite(
                http, other.admin(), "Pax", "pax-" + UUID.randomUUID() + "@example.org", "CUSTODIAN");
        var handler =
                organization.invite(http, other.admin(), "Hal", "hal-" + UUID.randomUUID() + "@example.org", "HANDLER");
        var page = new Http(port);
        organization.logInThroughPage(page, other.admin());
        var form = page.get("/vault").html();
        assertThat(form.select("nav a[href=/vault]")).isNotEmpty();
        assertThat(form.select("input[name=custodians]").eachAttr("value"))
                .containsExactlyInAnyOrder(first.id().toString(), second.id().toString());
        var csrf = form.selectFirst("form[action=/vault] input[name=_csrf]").val();
        var alone = page.form(
                "/vault",
                Map.of("_csrf", csrf, "k", "1", "custodians", first.id().toString()));
        assertThat(alone.status()).isEqualTo(422);
        assertThat(alone.html().select("#k[aria-invalid=true]")).hasSize(1);
        assertThat(alone.html().select("input[name=custodians][checked]").eachAttr("value"))
                .containsExactly(first.id().toString());
        var tooMany = page.form(
                "/vault",
                Map.of("_csrf", csrf, "k", "3", "custodians", first.id().toString()));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(jdbc.sql("SELECT count(*) FROM vault WHERE organization_id = ?")
                        .param(other.id())
                        .query(Long.class)
                        .single())
                .isZero();

        var created = page.form(
                "/vault",
                Map.of(
                        "_csrf",
                        csrf,
                        "k",
                        "2",
                        "custodians",
                        List.of(first.id().toString(), second.id().toString())));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        var shown = page.get("/vault?created").html();
        assertThat(shown.select("#vault-threshold").text()).contains("2", "2");
        assertThat(shown.select("#vault-custodians td").eachText()).contains("Pia", "Pax");
        assertThat(shown.select("form[action=/vault]")).isEmpty();

        var custodianPage = new Http(port);
        organization.logInThroughPage(custodianPage, second);
        assertThat(custodianPage
                        .get("/vault")
                        .html()
                        .select("#vault-custodians td")
                        .eachText())
                .contains("Pia", "Pax");
        var handlerPage = new Http(port);
        organization.logInThroughPage(handlerPage, handler);
        assertThat(handlerPage.get("/vault").status()).isEqualTo(403);
        assertThat(handlerPage.get("/cases").html().select("nav a[href=/vault]"))
                .isEmpty();
    }

    private static Http.Response create(Http http, String token, int k, List<String> custodians, boolean single) {
        var body = new HashMap<String, Object>();
        body.put("k", k);
        body.put("custodians", custodians);
        body.put("acceptSingleCustodian", single);
        return http.json("POST", "/api/v1/vault", body, "Authorization", "Bearer " + token);
    }

    private static String error(Http.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        return response.json().get("errors").get(field).asString();
    }
}
