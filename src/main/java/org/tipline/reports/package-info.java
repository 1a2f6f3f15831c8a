/**
 * The sealed report store: report rows, key grants, sealed answers and attachments, and the
 * streaming reader that seals files as they arrive. The only module that unwraps a report key:
 * for a staff keyring that holds a grant, for a receipt, or for a reporter's visit.
 */
@NullMarked
package org.tipline.reports;

import org.jspecify.annotations.NullMarked;
