/** The editors' desk (pages and API) and the public account pages, feeds and posts API. */
@NullMarked
package org.tipline.publishing.web;

import org.jspecify.annotations.NullMarked;
