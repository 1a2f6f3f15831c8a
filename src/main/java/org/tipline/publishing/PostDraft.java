package org.tipline.publishing;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.tipline.channels.ChannelId;

/**
 * What an editor writes: the text of a post, its tags and the channel its call to action leads to.
 * Checked by {@link Posts}; {@link #toString()} names no text.
 */
public record PostDraft(
        String title,
        String summary,
        String body,
        List<String> tags,
        @Nullable ChannelId channel) {

    public PostDraft {
        tags = List.copyOf(tags);
    }

    @Override
    public String toString() {
        return "PostDraft[" + tags.size() + " tags]";
    }
}
