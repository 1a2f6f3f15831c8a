/** The reporter's follow-up pages (no JavaScript) and their API twins. */
@NullMarked
package org.tipline.mailbox.web;

import org.jspecify.annotations.NullMarked;
