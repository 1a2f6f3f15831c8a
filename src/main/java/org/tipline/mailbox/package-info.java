/**
 * What the reporter sees and says after submitting: the thread with the case handlers, the
 * plain-language status, and follow-up visits opened with the receipt.
 */
@NullMarked
package org.tipline.mailbox;

import org.jspecify.annotations.NullMarked;
