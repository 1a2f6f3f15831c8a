/**
 * What every module may use: tenant and staff ids, the acting principal, the clock, languages,
 * problem responses and path declarations. Deliberately tiny.
 */
@NullMarked
package org.tipline.shared;

import org.jspecify.annotations.NullMarked;
