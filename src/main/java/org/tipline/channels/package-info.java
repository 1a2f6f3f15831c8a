/** Reporting channels: their public page, questionnaire, categories and recipients. */
@NullMarked
package org.tipline.channels;

import org.jspecify.annotations.NullMarked;
