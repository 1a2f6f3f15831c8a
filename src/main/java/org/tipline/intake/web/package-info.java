/** The reporter's form (no JavaScript) and its API twin. */
@NullMarked
package org.tipline.intake.web;

import org.jspecify.annotations.NullMarked;
