/** Inside the audit module: entry tags, the chain anchor kept outside the database, migrations. */
@NullMarked
package org.tipline.audit.internal;

import org.jspecify.annotations.NullMarked;
