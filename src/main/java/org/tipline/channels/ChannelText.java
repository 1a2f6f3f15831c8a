package org.tipline.channels;

/**
 * A channel's own texts in one more language; a blank field falls back to the channel's text in its
 * own language.
 */
public record ChannelText(String name, String publicText, String whoReads, String retention) {

    public ChannelText {
        name = name == null ? "" : name;
        publicText = publicText == null ? "" : publicText;
        whoReads = whoReads == null ? "" : whoReads;
        retention = retention == null ? "" : retention;
    }

    /** Returns whether every field is blank. */
    public boolean isBlank() {
        return name.isBlank() && publicText.isBlank() && whoReads.isBlank() && retention.isBlank();
    }
}
