/*
 * CSV as RFC 4180 writes it, made safe to open in a spreadsheet: exports
 * of public registers build their rows with these.  Pure functions.
 */
#ifndef ECO_CSV_H
#define ECO_CSV_H

#include <stddef.h>

struct eco_buf;

/*
 * Appends one cell.  Text a spreadsheet would take for a formula (it
 * begins with = + - @, a TAB or a CR: OWASP's list) first gets an
 * apostrophe, so opening an export never runs what somebody typed into a
 * form; then a cell holding a comma, a double quote, CR or LF is quoted,
 * its quotes doubled.  NULL is an empty cell.
 */
void	eco_csv_cell(struct eco_buf *, const char *);
/* Appends n cells separated by commas and the row's CRLF. */
void	eco_csv_row(struct eco_buf *, const char *const *cells, size_t n);

#endif
