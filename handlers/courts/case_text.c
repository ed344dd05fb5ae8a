/* Dates and amounts of the case page in words (case_text.h). */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "case_text.h"
#include "date.h"
#include "partial_date.h"

/* The catalogs' msgids of the months (msgctxt "month", "month genitive"). */
static const char *const months[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

void
court_date_text(const struct eco_catalogs *cats, enum eco_lang lang,
    const char *date, struct eco_buf *out)
{
	struct partial_date pd;
	char year[8];
	int y, m, d;

	if (date == NULL || !partial_date_parse(date, &pd) ||
	    pd.precision == PD_UNKNOWN) {
		eco_buf_puts(out, eco_gettext(cats, lang, NULL,
		    N_("date not known")));
		return;
	}
	if (pd.precision == PD_DAY) {
		eco_format_day(cats, lang, pd.day, out);
		return;
	}
	eco_civil_from_days(pd.day, &y, &m, &d);
	snprintf(year, sizeof(year), "%d", y);
	/* A month stands alone in Russian and English ("Май 2019 г.") but
	 * is in the genitive's form in Kazakh ("2019 жылғы мамыр"): the
	 * pattern takes either.  (The patterns have a msgctxt, which N_()
	 * cannot mark: they are listed in po/ecogosfond.pot.) */
	eco_buf_puts(out, eco_subst(out->arena, pd.precision == PD_MONTH ?
	    eco_gettext(cats, lang, "month and year", "{month} {year}") :
	    eco_gettext(cats, lang, "year alone", "{year}"),
	    "year", year,
	    "month", pd.precision == PD_MONTH ? eco_month_name(cats, lang, m) :
	    "",
	    "month_of", pd.precision == PD_MONTH ? eco_gettext(cats, lang,
	    "month genitive", months[m - 1]) : "", NULL));
}

void
court_amount_text(enum eco_lang lang, const char *decimal,
    struct eco_buf *out)
{
	const char *sep = lang == ECO_LANG_EN ? "," : "\xc2\xa0";
	const char *mark = lang == ECO_LANG_EN ? "." : ",";
	size_t i, whole, len;

	if (decimal == NULL)
		return;
	len = strlen(decimal);
	whole = strspn(decimal, "0123456789");
	/* Digits, then at most a point and more digits. */
	if (whole == 0 || (whole < len && (decimal[whole] != '.' ||
	    whole + 1 == len || strspn(decimal + whole + 1, "0123456789") !=
	    len - whole - 1))) {
		eco_buf_puts(out, decimal);
		return;
	}
	for (i = 0; i < whole; i++) {
		if (i > 0 && (whole - i) % 3 == 0)
			eco_buf_puts(out, sep);
		eco_buf_putc(out, decimal[i]);
	}
	if (whole < len) {
		eco_buf_puts(out, mark);
		eco_buf_puts(out, decimal + whole + 1);
	}
}

json_t *
court_paragraphs(const char *text)
{
	json_t *list = json_array();
	const char *p, *end;
	size_t n;

	for (p = text; p != NULL && *p != '\0'; p = end) {
		n = strcspn(p, "\n");
		end = p + n + (p[n] == '\n');
		/* Blank lines part paragraphs; they are not ones. */
		while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' ' ||
		    p[n - 1] == '\t'))
			n--;
		if (strspn(p, " \t") < n)
			json_array_append_new(list, json_stringn(p, n));
	}
	return list;
}
