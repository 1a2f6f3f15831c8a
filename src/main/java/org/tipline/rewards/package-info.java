/**
 * Rewards and recognition (DOMAIN.md, "Reward programmes" and "Reward lifecycle"): reward policies
 * in the three shapes programmes use (fixed bands, a share of what was recovered, a board-decided
 * amount under a cap), versioned per organisation and written as YAML. Later: the reward state
 * machine, claims, payouts, the ledger and certificates.
 */
@NullMarked
package org.tipline.rewards;

import org.jspecify.annotations.NullMarked;
