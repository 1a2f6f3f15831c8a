/** Accounts internals: credentials, TOTP, sessions, the security filter chain. */
@NullMarked
package org.tipline.accounts.internal;

import org.jspecify.annotations.NullMarked;
