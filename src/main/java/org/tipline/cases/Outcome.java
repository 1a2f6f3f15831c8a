package org.tipline.cases;

/** What a concluded case established (DOMAIN.md, "Case lifecycle"). */
public enum Outcome {
    SUBSTANTIATED,
    UNSUBSTANTIATED,
    INSUFFICIENT_INFORMATION,
    REFERRED,
    DUPLICATE,
    MALICIOUS
}
