package org.tipline.channels;

import org.jspecify.annotations.Nullable;
import org.tipline.audit.AuditEvent;

/** The audited events of channels. */
public sealed interface ChannelAudit extends AuditEvent {

    /** A channel was created. */
    record Created(ChannelId channel) implements ChannelAudit {
        public String action() {
            return "channel.created";
        }

        public String subject() {
            return "channel:" + channel;
        }
    }

    /** A channel's settings, questionnaire or recipients changed. */
    record Changed(ChannelId channel) implements ChannelAudit {
        public String action() {
            return "channel.changed";
        }

        public String subject() {
            return "channel:" + channel;
        }
    }

    /** A policy profile was created (copied or imported) or given a new version. */
    record PolicySaved(PolicyProfileId profile, int version) implements ChannelAudit {
        public String action() {
            return "policy.saved";
        }

        public String subject() {
            return "policy:" + profile + ":" + version;
        }
    }

    /** A channel's cases now run on another policy profile. */
    record PolicyChosen(ChannelId channel, PolicyProfileId profile) implements ChannelAudit {
        public String action() {
            return "channel.policy-chosen";
        }

        public String subject() {
            return "channel:" + channel;
        }
    }

    /** The organisation's holidays changed. */
    record HolidaysChanged() implements ChannelAudit {
        public String action() {
            return "policy.holidays-changed";
        }

        public @Nullable String subject() {
            return null;
        }
    }
}
