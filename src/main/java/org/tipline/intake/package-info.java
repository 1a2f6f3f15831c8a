/**
 * Submission from the web form and the API, receipts, attachments, and the reporter's mailbox:
 * everything a reporter sends is sealed here, and only here is it opened again.
 */
@NullMarked
package org.tipline.intake;

import org.jspecify.annotations.NullMarked;
