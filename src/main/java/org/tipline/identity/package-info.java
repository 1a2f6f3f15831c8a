/**
 * Protecting reporters and the people they name: the organisation's identity vault (CRYPTO.md,
 * key 7), whose public key seals reporters' identities and whose private key exists only as k-of-n
 * Shamir shares, each sealed to one custodian. Later: disclosure requests, consents, persons
 * concerned and retention (DOMAIN.md).
 */
@NullMarked
package org.tipline.identity;

import org.jspecify.annotations.NullMarked;
