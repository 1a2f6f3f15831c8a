package org.tipline.publishing;

import org.tipline.audit.AuditEvent;

/** The audited events of publishing. */
public sealed interface PublishingAudit extends AuditEvent {

    /** An editor wrote a new post (perhaps a translation of another). */
    record PostWritten(PostId post, String language) implements PublishingAudit {
        public String action() {
            return "post.written";
        }

        public String subject() {
            return "post:" + post;
        }
    }

    /** An editor saved a new revision of a post's text. */
    record PostEdited(PostId post, int revision) implements PublishingAudit {
        public String action() {
            return "post.edited";
        }

        public String subject() {
            return "post:" + post + "/revision:" + revision;
        }
    }

    /** A post moved: published, scheduled, withdrawn or back to draft. */
    record PostMoved(PostId post, String stage) implements PublishingAudit {
        public String action() {
            return "post.moved";
        }

        public String subject() {
            return "post:" + post + "/" + stage;
        }
    }

    /** An editor created a campaign. */
    record CampaignCreated(CampaignId campaign) implements PublishingAudit {
        public String action() {
            return "campaign.created";
        }

        public String subject() {
            return "campaign:" + campaign;
        }
    }

    /** An editor changed a campaign's name, message, channel or posts. */
    record CampaignEdited(CampaignId campaign) implements PublishingAudit {
        public String action() {
            return "campaign.edited";
        }

        public String subject() {
            return "campaign:" + campaign;
        }
    }

    /** An editor added an image to a post. */
    record ImageAdded(PostId post, java.util.UUID image) implements PublishingAudit {
        public String action() {
            return "post.image-added";
        }

        public String subject() {
            return "post:" + post + "/image:" + image;
        }
    }

    /** An editor removed an image from a post. */
    record ImageRemoved(PostId post, java.util.UUID image) implements PublishingAudit {
        public String action() {
            return "post.image-removed";
        }

        public String subject() {
            return "post:" + post + "/image:" + image;
        }
    }
}
