/** The notification outbox and the mails composed from it. */
@NullMarked
package org.tipline.notifications.internal;

import org.jspecify.annotations.NullMarked;
