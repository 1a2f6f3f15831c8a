/** What every module may use: the clock and small value helpers. Deliberately tiny. */
@NullMarked
package org.tipline.shared;

import org.jspecify.annotations.NullMarked;
