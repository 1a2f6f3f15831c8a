/** Mailbox internals: the sealed thread rows, reporter visits and the receipt throttle. */
@NullMarked
package org.tipline.mailbox.internal;

import org.jspecify.annotations.NullMarked;
