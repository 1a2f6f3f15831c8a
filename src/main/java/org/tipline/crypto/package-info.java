/**
 * Sealing and opening of content, key grants, password- and receipt-derived keys: the only place
 * that touches a cipher. See {@code CRYPTO.md}.
 */
@NullMarked
package org.tipline.crypto;

import org.jspecify.annotations.NullMarked;
