/** The filesystem blob store. */
@NullMarked
package org.tipline.blobs.internal;

import org.jspecify.annotations.NullMarked;
