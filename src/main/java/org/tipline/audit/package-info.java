/** The append-only, hash-chained audit log: who did what to which object, never content. */
@NullMarked
package org.tipline.audit;

import org.jspecify.annotations.NullMarked;
