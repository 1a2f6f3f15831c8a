/** The audit module's pages and API for admins: chain head, anchor, integrity alerts, verification. */
@NullMarked
package org.tipline.audit.web;

import org.jspecify.annotations.NullMarked;
