package org.tipline.cases;

import org.tipline.channels.PolicyProfileId;

/** The version of a policy profile a case runs on, fixed when it was opened. */
public record PolicyRef(PolicyProfileId profile, int version) {}
