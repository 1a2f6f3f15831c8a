/** Cases: one per report, who may work it, its status, and the handler's inbox. */
@NullMarked
package org.tipline.cases;

import org.jspecify.annotations.NullMarked;
