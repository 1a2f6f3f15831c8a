/** Channel pages for admins, and the public channel description for API clients. */
@NullMarked
package org.tipline.channels.web;

import org.jspecify.annotations.NullMarked;
