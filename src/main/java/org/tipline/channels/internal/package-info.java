/** Inside the channels module: the integrity tag of a channel's recipient set and its migration. */
@NullMarked
package org.tipline.channels.internal;

import org.jspecify.annotations.NullMarked;
