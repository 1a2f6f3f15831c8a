/** The staff member's notification preference, as a page and through the API. */
@NullMarked
package org.tipline.notifications.web;

import org.jspecify.annotations.NullMarked;
