package org.tipline.channels;

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
}
