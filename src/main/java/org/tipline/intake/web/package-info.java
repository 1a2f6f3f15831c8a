/** Reporter pages (no JavaScript) and their API twins. */
@NullMarked
package org.tipline.intake.web;

import org.jspecify.annotations.NullMarked;
