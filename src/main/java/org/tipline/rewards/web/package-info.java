/** The rewards module's pages and API. */
@NullMarked
package org.tipline.rewards.web;

import org.jspecify.annotations.NullMarked;
