/**
 * Case handling: the {@link org.tipline.cases.Case} aggregate and its workflow, the handlers'
 * inboxes, and working a case with the report key its handler holds.
 */
@NullMarked
package org.tipline.cases;

import org.jspecify.annotations.NullMarked;
