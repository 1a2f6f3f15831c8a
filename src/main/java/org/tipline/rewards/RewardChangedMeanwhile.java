package org.tipline.rewards;

import org.springframework.http.HttpStatus;
import org.tipline.shared.RequestRefused;

/** Someone else moved the reward since it was read; nothing was changed. */
public class RewardChangedMeanwhile extends RequestRefused {

    RewardChangedMeanwhile() {
        super(HttpStatus.CONFLICT, "error.reward.changed", "The reward changed meanwhile; read it again.");
    }
}
