/** How posts are rendered and stored. */
@NullMarked
package org.tipline.publishing.internal;

import org.jspecify.annotations.NullMarked;
