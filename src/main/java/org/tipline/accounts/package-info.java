/** Organisations, staff, roles, login with TOTP, sessions, and each staff member's key pair. */
@NullMarked
package org.tipline.accounts;

import org.jspecify.annotations.NullMarked;
