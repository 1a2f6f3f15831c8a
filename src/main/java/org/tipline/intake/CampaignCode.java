package org.tipline.intake;

import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The code of the campaign whose link a reporter followed to a channel's form: lower-case letters,
 * digits and inner hyphens, at most {@value #MAX_LENGTH} characters. It names the campaign and
 * nothing of the reporter; intake carries it unchecked against any campaign (a code that names none
 * counts for none).
 */
public record CampaignCode(String value) {

    public static final int MAX_LENGTH = 32;

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?");

    public CampaignCode {
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a campaign code");
        }
    }

    /** Returns the code {@code text} spells, or empty when it is blank or not a code. */
    public static Optional<CampaignCode> parse(@Nullable String text) {
        if (text == null || text.length() > MAX_LENGTH || !SHAPE.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(new CampaignCode(text));
    }

    @Override
    public String toString() {
        return value;
    }
}
