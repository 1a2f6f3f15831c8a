/** The handler's inbox and case pages, and their API twins. */
@NullMarked
package org.tipline.cases.web;

import org.jspecify.annotations.NullMarked;
