/** Messages to staff by e-mail: "case X needs you" with a link, at once or in a daily digest; never content. */
@NullMarked
package org.tipline.notifications;

import org.jspecify.annotations.NullMarked;
