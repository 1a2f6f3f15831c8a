-- A notification may be about a reward of a case (a proposal to approve, a reporter to tell, a
-- payout to prepare or release): its link then leads to the reward, not to the case.
ALTER TABLE notification ADD COLUMN reward_id UUID;
