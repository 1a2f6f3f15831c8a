package org.tipline.channels.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.tipline.crypto.ServerSecrets;

/**
 * The integrity tag of a channel's recipient set (CRYPTO.md, Integrity): an HMAC under the pepper
 * over the channel's id, organisation, questionnaire version and recipients in a fixed order,
 * written whenever Tipline changes one of them. A recipient row added straight into the database
 * breaks it.
 */
public final class RecipientSetTag {

    private static final String PURPOSE = "channel-recipients";

    private RecipientSetTag() {}

    /** Returns the tag of a channel's recipient set. */
    public static byte[] of(
            ServerSecrets secrets,
            UUID channel,
            UUID organization,
            int questionnaireVersion,
            Collection<UUID> recipients) {
        return secrets.tag(PURPOSE, fields(channel, organization, questionnaireVersion, recipients));
    }

    /** Returns whether {@code tag} is the tag of a channel's recipient set. */
    public static boolean verify(
            ServerSecrets secrets,
            byte @Nullable [] tag,
            UUID channel,
            UUID organization,
            int questionnaireVersion,
            Collection<UUID> recipients) {
        return secrets.verifyTag(tag, PURPOSE, fields(channel, organization, questionnaireVersion, recipients));
    }

    private static byte[][] fields(UUID channel, UUID organization, int version, Collection<UUID> recipients) {
        var fields = new ArrayList<byte[]>();
        fields.add(ServerSecrets.field(channel));
        fields.add(ServerSecrets.field(organization));
        fields.add(ServerSecrets.field(version));
        for (var recipient : new TreeSet<>(recipients)) {
            fields.add(ServerSecrets.field(recipient));
        }
        return fields.toArray(byte[][]::new);
    }
}
