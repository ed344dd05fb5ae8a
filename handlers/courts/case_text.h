/*
 * How the case page writes a court event's date and an amount in the
 * page's language: a date exactly as precise as it is known ("16 May
 * 2019", "May 2019", "2019", "date not known") and a sum with thousands
 * separators ("189 000 000", "215,88"), and a text's paragraphs.  Pure:
 * the catalogs in, text out.
 */
#ifndef ECO_COURTS_CASE_TEXT_H
#define ECO_COURTS_CASE_TEXT_H

#include <jansson.h>

#include "i18n.h"

struct eco_buf;

/*
 * Appends the date given in its text form ("2019", "2019-05",
 * "2019-05-16"; NULL when unknown) in words; a text that is no date is
 * written as not known.
 */
void	court_date_text(const struct eco_catalogs *, enum eco_lang,
	    const char *date, struct eco_buf *out);

/*
 * Appends a non-negative decimal ("189000000", "215.88") grouped by
 * thousands the language's way: kk and ru a no-break space and a decimal
 * comma, en a comma and a decimal point.  Any other text is appended as
 * it is.
 */
void	court_amount_text(enum eco_lang, const char *decimal,
	    struct eco_buf *out);

/* The lines of a text that are not blank, as a JSON array of strings:
 * the paragraphs of a story or of a court act (NULL text: none). */
json_t	*court_paragraphs(const char *text);

#endif
