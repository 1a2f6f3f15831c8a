/** The identity module's pages and API. */
@NullMarked
package org.tipline.identity.web;

import org.jspecify.annotations.NullMarked;
