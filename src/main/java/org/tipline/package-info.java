/** Tipline's application root: the modules are its sub-packages. */
@NullMarked
package org.tipline;

import org.jspecify.annotations.NullMarked;
