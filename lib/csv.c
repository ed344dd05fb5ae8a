/* CSV cells and rows (see csv.h). */
#include <stdbool.h>
#include <string.h>

#include "buf.h"
#include "csv.h"

void
eco_csv_cell(struct eco_buf *b, const char *s)
{
	bool formula, quote;
	const char *p;

	/* Checked first: strchr() would find the terminator of "". */
	if (s == NULL || s[0] == '\0')
		return;
	formula = strchr("=+-@\t\r", s[0]) != NULL;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		eco_buf_putc(b, '"');
	if (formula)
		eco_buf_putc(b, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			eco_buf_putc(b, '"');
		eco_buf_putc(b, *p);
	}
	if (quote)
		eco_buf_putc(b, '"');
}

void
eco_csv_row(struct eco_buf *b, const char *const *cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			eco_buf_putc(b, ',');
		eco_csv_cell(b, cells[i]);
	}
	eco_buf_append(b, "\r\n", 2);
}
