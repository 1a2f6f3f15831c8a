package org.tipline.reports;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.tipline.crypto.ContentKey;
import org.tipline.shared.OrganizationId;
import org.tipline.shared.StaffPrincipal;

/**
 * An opened report key, held for one request: the capability to seal and open the parts of one
 * report (CRYPTO.md, key 3). Only {@link Reports} makes one — from a grant, a receipt or a visit —
 * and it remembers who opened it, so that reads can be audited. Every part it seals is bound to
 * {@code report:<id>:<part>}, so a part cannot be moved to another report or another part.
 */
public final class ReportKey {

    private final ReportId report;
    private final OrganizationId organization;
    private final @Nullable StaffPrincipal staff;
    private final ContentKey key;

    ReportKey(ReportId report, OrganizationId organization, @Nullable StaffPrincipal staff, ContentKey key) {
        this.report = report;
        this.organization = organization;
        this.staff = staff;
        this.key = key;
    }

    /** Returns the report this key opens. */
    public ReportId report() {
        return report;
    }

    /** Returns the report's organisation. */
    public OrganizationId organization() {
        return organization;
    }

    /** Returns the staff member who opened it with their grant; empty when the reporter did. */
    public Optional<StaffPrincipal> openedBy() {
        return Optional.ofNullable(staff);
    }

    /** Seals {@code plaintext} as the report's {@code part}, padded to 1 KiB steps. */
    public byte[] seal(String part, byte[] plaintext) {
        return key.sealPadded(plaintext, context(part));
    }

    /**
     * Opens what {@link #seal} sealed as {@code part}.
     *
     * @throws org.tipline.crypto.CryptoException if it was not sealed with this key as this part
     */
    public byte[] open(String part, byte[] sealed) {
        return key.openPadded(sealed, context(part));
    }

    /** Wraps this key under {@code wrappingKey}, for a reporter's visit to reopen with {@link Reports#reopen}. */
    public byte[] wrapUnder(ContentKey wrappingKey, String context) {
        return wrappingKey.wrap(key, context);
    }

    ContentKey contentKey() {
        return key;
    }

    String context(String part) {
        return "report:" + report + ":" + part;
    }

    @Override
    public String toString() {
        return "ReportKey[report=" + report + "]";
    }
}
