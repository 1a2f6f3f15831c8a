/** Pages and JSON endpoints of accounts: set-up, login, staff and invitations. */
@NullMarked
package org.tipline.accounts.web;

import org.jspecify.annotations.NullMarked;
