/**
 * The organisation's public account: posts written by editors (Markdown, rendered and sanitised
 * when saved), their revisions and translations, the public account pages, the Atom feeds and the
 * posts' JSON API. Public pages show only what is published and due; nothing here reads a report.
 */
@NullMarked
package org.tipline.publishing;

import org.jspecify.annotations.NullMarked;
