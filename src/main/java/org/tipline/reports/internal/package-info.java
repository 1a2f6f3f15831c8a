/** Reports internals: the sealed rows, their contexts, and the sweeper of unreferenced blobs. */
@NullMarked
package org.tipline.reports.internal;

import org.jspecify.annotations.NullMarked;
