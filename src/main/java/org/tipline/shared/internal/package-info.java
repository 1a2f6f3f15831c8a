/** Infrastructure shared by every module: the embedded database, security headers, page layout. */
@NullMarked
package org.tipline.shared.internal;

import org.jspecify.annotations.NullMarked;
