/**
 * Submission of reports from the web form and the API: checks against the channel's
 * questionnaire, hands the sealing to reports, opens the reporter's mailbox and shows the receipt
 * once. Nothing after the receipt is shown.
 */
@NullMarked
package org.tipline.intake;

import org.jspecify.annotations.NullMarked;
