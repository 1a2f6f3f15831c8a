package org.tipline.support;

import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tipline.accounts.internal.Credentials;
import org.tipline.crypto.PasswordKeys;
import org.tipline.crypto.PrivateKey;
import org.tipline.crypto.PublicKey;
import org.tipline.crypto.VaultShare;
import org.tipline.shared.StaffId;

/**
 * What custodians do with what is stored: open their private key with their own password, then
 * their share of an organisation's vault with it. For tests that check who can open an identity.
 */
@TestComponent
public class TestCustodians {

    private final JdbcClient jdbc;
    private final PasswordKeys passwords;

    TestCustodians(JdbcClient jdbc, PasswordKeys passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    /** Returns a staff member's private key, opened with their password as a login would. */
    public PrivateKey key(UUID staff, String password) {
        var row = jdbc.sql("SELECT password_salt, private_key_by_password FROM staff WHERE id = ?")
                .param(staff)
                .query((rs, i) -> new byte[][] {rs.getBytes(1), rs.getBytes(2)})
                .single();
        var derived = passwords.derive(password, row[0], new StaffId(staff));
        return Credentials.openWithPassword(new StaffId(staff), row[1], derived.key());
    }

    /** Returns the stored, sealed share of {@code custodian} in {@code organization}'s vault: its index and bytes. */
    public Map.Entry<Integer, byte[]> sealedShare(UUID organization, UUID custodian) {
        return jdbc.sql("SELECT share_index, wrapped FROM vault_share WHERE organization_id = ? AND custodian_id = ?")
                .params(organization, custodian)
                .query((rs, i) -> Map.entry(rs.getInt(1), rs.getBytes(2)))
                .single();
    }

    /** Opens the custodian's share with their own key: what their release does. */
    public VaultShare release(TestOrganization.Staffer custodian, UUID organization, String context) {
        var sealed = sealedShare(organization, custodian.id());
        return VaultShare.unwrap(
                key(custodian.id(), custodian.password()), sealed.getKey(), sealed.getValue(), context);
    }

    /** Returns the public key of the organisation's vault as it stands (its newest version). */
    public PublicKey vaultKey(UUID organization) {
        return PublicKey.fromBytes(
                jdbc.sql("SELECT public_key FROM vault WHERE organization_id = ? ORDER BY version DESC LIMIT 1")
                        .param(organization)
                        .query(byte[].class)
                        .single());
    }
}
