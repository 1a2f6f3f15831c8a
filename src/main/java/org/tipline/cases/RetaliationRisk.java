package org.tipline.cases;

/** How likely the reporter is to suffer for reporting, as assessed in triage; triage cannot be left without it. */
public enum RetaliationRisk {
    LOW,
    MEDIUM,
    HIGH
}
