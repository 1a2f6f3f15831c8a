package org.tipline.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.crypto.CryptoException;
import org.tipline.crypto.PrivateKey;
import org.tipline.crypto.ServerSecrets;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.internal.DatabaseAdministrator;
import org.tipline.support.IntegrationTest;
import org.tipline.support.TestCustodians;
import org.tipline.support.TestDisclosures;

/**
 * Someone with a full dump of the database and the server secrets (the pepper and the server key)
 * still cannot open a reporter's identity: it is in no row in the clear, neither secret opens it
 * or a custodian's share, a guessed password opens no custodian's key, and even one custodian's
 * key in full (k − 1 of a 2-of-3 vault) opens nothing.
 */
@IntegrationTest
class IdentityAtRestIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestDisclosures disclosures;

    @Autowired
    TestCustodians custodianKeys;

    @Autowired
    ServerSecrets secrets;

    @Autowired
    DatabaseAdministrator database;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aDumpAndTheServerSecretsOpenNoIdentityWithoutKCustodians() {
        var s = disclosures.setting(port, false);
        var org = s.org().id();
        var dump = database.dumpEveryTable();
        assertThat(dump).contains("== reporter_identity", "== vault_share");
        assertThat(dump).doesNotContain(TestDisclosures.NAME).doesNotContain(TestDisclosures.PHONE);

        var sealed = jdbc.sql("SELECT sealed FROM reporter_identity WHERE report_id = ?")
                .param(s.report())
                .query(byte[].class)
                .single();
        var context = Identities.context(new org.tipline.reports.ReportId(s.report()));
        // the server key opens neither the identity nor any share
        assertThatThrownBy(() -> secrets.serverKey().open(sealed, context)).isInstanceOf(CryptoException.class);
        var shares = jdbc.sql("SELECT wrapped FROM vault_share WHERE organization_id = ?")
                .param(org)
                .query(byte[].class)
                .list();
        assertThat(shares).hasSize(3);
        for (var share : shares) {
            assertThatThrownBy(() -> secrets.serverKey().open(share, Vault.context(new OrganizationId(org), 1)))
                    .isInstanceOf(CryptoException.class);
        }
        // a guessed password opens no custodian's private key, pepper or not
        for (var custodian : s.custodians()) {
            assertThatThrownBy(() -> custodianKeys.key(custodian.id(), "password123"))
                    .isInstanceOf(CryptoException.class);
        }
        // one custodian wholly compromised: their share alone rebuilds nothing
        var one = custodianKeys.release(s.custodians().get(0), org, Vault.context(new OrganizationId(org), 1));
        assertThatThrownBy(() -> PrivateKey.join(List.of(one), custodianKeys.vaultKey(org)))
                .isInstanceOf(CryptoException.class);
        // (and the only whole key that opens it needs two of them)
        var two = custodianKeys.release(s.custodians().get(1), org, Vault.context(new OrganizationId(org), 1));
        var key = PrivateKey.join(List.of(one, two), custodianKeys.vaultKey(org));
        assertThat(new String(key.openSealed(sealed, context), java.nio.charset.StandardCharsets.UTF_8))
                .contains(TestDisclosures.NAME);
    }
}
