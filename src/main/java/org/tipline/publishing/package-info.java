/**
 * The organisation's public account: posts written by editors (Markdown, rendered and sanitised
 * when saved) with their images, revisions and translations, the public account pages, the Atom
 * feeds and the posts' JSON API; campaigns (a counted link, posters with its QR code, results in
 * counts); the yearly transparency report. Public pages show only what is published and due;
 * nothing here reads a report, only counts that {@code cases} gives.
 */
@NullMarked
package org.tipline.publishing;

import org.jspecify.annotations.NullMarked;
