package org.tipline.audit.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.tipline.crypto.ServerSecrets;

/**
 * The integrity tag an audit entry carries from the moment it is inserted (CRYPTO.md, Integrity):
 * an HMAC under the pepper over a random nonce and the entry's fields. An entry inserted or
 * changed by anyone without the pepper does not carry it, and a copied entry repeats a tag, which
 * a unique index refuses. The chain then covers entries in order; the tag covers each one before
 * it is chained.
 */
public final class EntryTag {

    private static final String PURPOSE = "audit-entry";

    private EntryTag() {}

    /** Returns the tag of an entry. */
    public static byte[] of(
            ServerSecrets secrets,
            byte[] nonce,
            UUID organization,
            Instant occurredAt,
            String actor,
            String action,
            @Nullable String subject) {
        return secrets.tag(
                PURPOSE,
                nonce,
                ServerSecrets.field(organization),
                ServerSecrets.field(Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt))),
                ServerSecrets.field(actor),
                ServerSecrets.field(action),
                ServerSecrets.field(subject == null ? 0 : 1),
                ServerSecrets.field(subject == null ? "" : subject));
    }
}
