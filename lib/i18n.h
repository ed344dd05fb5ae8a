/*
 * Languages and translations.
 *
 * Catalogs are gettext .po files (po/kk.po, po/ru.po, po/en.po) read at
 * start.  msgids are English.  A message missing from a catalog falls back
 * to its msgid, but the test suite requires every catalog to be complete.
 */
#ifndef ECO_I18N_H
#define ECO_I18N_H

#include <stddef.h>

struct eco_buf;

enum eco_lang {
	ECO_LANG_KK = 0,
	ECO_LANG_RU,
	ECO_LANG_EN,
	ECO_LANG_COUNT
};

/* Marks a string for extraction without translating it here. */
#define N_(s)	(s)

const char *eco_lang_code(enum eco_lang);		/* "kk" */
/* "kk", "ru", "en" exactly; -1 otherwise. */
int	eco_lang_parse(const char *code, enum eco_lang *out);
/*
 * The best of kk/ru/en for an Accept-Language header, honouring q-values
 * ("ru-RU,ru;q=0.9,en;q=0.8" -> ru; "kk-KZ" -> kk).  fallback when the
 * header is NULL, malformed or names none of them.
 */
enum eco_lang eco_lang_from_accept(const char *header, enum eco_lang fallback);

struct eco_catalogs;

/* Loads po_dir/{kk,ru,en}.po.  NULL with a message (file:line) on error. */
struct eco_catalogs *eco_catalogs_load(const char *po_dir, char *err, size_t errlen);
/* Parses one catalog from memory into lang (for tests). */
int	eco_catalogs_add_po(struct eco_catalogs *, enum eco_lang,
	    const char *text, size_t len, char *err, size_t errlen);
struct eco_catalogs *eco_catalogs_new(void);
void	eco_catalogs_free(struct eco_catalogs *);

/*
 * One message of a catalog as read from its .po file, for the completeness
 * test.  Untranslated and fuzzy messages have nforms 0; a plural message has
 * one msgstr per plural form (a form may be empty when a translator left it).
 */
struct eco_message {
	const char		*msgctxt;	/* NULL when none */
	const char		*msgid;
	const char		*msgid_plural;	/* NULL for a singular message */
	const char *const	*msgstr;
	size_t			 nforms;
};

/* Calls fn for every message of lang's catalog, in no particular order. */
void	eco_catalogs_each(const struct eco_catalogs *, enum eco_lang,
	    void (*fn)(void *ud, const struct eco_message *), void *ud);

/* Translation or msgid; msgctxt may be NULL.  Never returns NULL. */
const char *eco_gettext(const struct eco_catalogs *, enum eco_lang,
	    const char *msgctxt, const char *msgid);
/* Plural form by each language's rule (kk, en: n != 1; ru: three forms). */
const char *eco_ngettext(const struct eco_catalogs *, enum eco_lang,
	    const char *msgid, const char *msgid_plural, unsigned long n);

/*
 * A date in words, the language's way, from the catalog: the month names
 * (msgctxt "month genitive") and the pattern (msgctxt "date format", msgid
 * "{day} {month} {year}"), e.g. kk "2026 жылғы 21 қараша",
 * ru "21 ноября 2026 г.", en "21 November 2026".
 */
void	eco_format_date(const struct eco_catalogs *, enum eco_lang,
	    int y, int m, int d, struct eco_buf *out);

/* The same for a day number (date.h); a number no calendar reaches is
 * written "?", which also keeps the date arithmetic from overflow. */
void	eco_format_day(const struct eco_catalogs *, enum eco_lang, long day,
	    struct eco_buf *out);

/* The name of month m (1-12) standing alone (msgctxt "month"): kk
 * "Наурыз", ru "Март", en "March"; "" for another m. */
const char *eco_month_name(const struct eco_catalogs *, enum eco_lang, int m);

/*
 * Fills the {name} placeholders of a translated pattern from vars, a list
 * of name, value pairs ended by NULL: eco_subst(a, "No. {no}", "no", x,
 * NULL).  Unknown placeholders stay as they are.  The result is on the
 * arena.
 */
struct eco_arena;
char	*eco_subst(struct eco_arena *, const char *pattern, ...)
	    __attribute__((sentinel));

#endif
