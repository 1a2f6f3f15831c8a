/** Intake internals: the sealed thread and attachment rows, follow-up sessions, the receipt throttle. */
@NullMarked
package org.tipline.intake.internal;

import org.jspecify.annotations.NullMarked;
