/** Where sealed bytes live: the filesystem by default. Blobs are opaque; names never come from users. */
@NullMarked
package org.tipline.blobs;

import org.jspecify.annotations.NullMarked;
