/*
 * Languages and translation catalogs: choosing a language from
 * Accept-Language, reading gettext .po files, looking messages up, plural
 * forms and dates in words.
 *
 * Catalogs are read once when a handler starts, so the reader uses malloc
 * freely and names the file and line of every mistake.  Lookups run many
 * times on every page, so they hash the key in place and never allocate.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "i18n.h"
#include "utf8.h"

/* A longer header is a mistake or an attack; real ones are under 100 bytes. */
#define ACCEPT_MAX_BYTES	1024
#define ACCEPT_MAX_ENTRIES	32
/* No language has more plural forms than Arabic's six. */
#define PO_MAX_FORMS		6
/* Far above any real catalog; keeps line numbers and sizes in range. */
#define PO_MAX_BYTES		(16u * 1024 * 1024)

static const char *const lang_codes[ECO_LANG_COUNT] = { "kk", "ru", "en" };

/*
 * msgids of the month names.  They are looked up with a context, which
 * N_() cannot express, so po/ecogosfond.pot lists them by hand.
 */
static const char *const month_msgids[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

struct entry {
	uint32_t	 hash;
	int		 line;		/* of the entry, for duplicate errors */
	const char	*msgctxt;	/* NULL when none */
	const char	*msgid;
	const char	*msgid_plural;	/* NULL for a singular message */
	size_t		 nforms;	/* 0 when untranslated or fuzzy */
	const char	*msgstr[PO_MAX_FORMS];
	char		 strings[];	/* every string above lives here */
};

/* Open addressing with linear probing, never more than half full. */
struct catalog {
	struct entry	**slots;
	size_t		  cap;		/* a power of two, or 0 */
	size_t		  count;
};

struct eco_catalogs {
	struct catalog	lang[ECO_LANG_COUNT];
};

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (p == NULL) {
		fputs("ecogosfond: out of memory\n", stderr);
		abort();
	}
	return p;
}

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* ASCII only: the C library's tolower() depends on the locale. */
static char
to_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* s[0..n) equals lower-case ASCII word, ignoring case. */
static int
same_ascii_nocase(const char *s, const char *word, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (to_lower(s[i]) != word[i])
			return 0;
	return 1;
}

/* --- languages ----------------------------------------------------------- */

const char *
eco_lang_code(enum eco_lang lang)
{
	/* Out of range can only be a bug; Kazakh is the portal's default. */
	if ((unsigned)lang >= ECO_LANG_COUNT)
		return lang_codes[ECO_LANG_KK];
	return lang_codes[lang];
}

int
eco_lang_parse(const char *code, enum eco_lang *out)
{
	int i;

	if (code == NULL)
		return -1;
	for (i = 0; i < ECO_LANG_COUNT; i++) {
		if (strcmp(code, lang_codes[i]) == 0) {
			if (out != NULL)
				*out = (enum eco_lang)i;
			return 0;
		}
	}
	return -1;
}

/*
 * Our language for a primary subtag, or -1.  "kz" is Kazakhstan's country
 * code, which some browsers and users send for Kazakh.
 */
static int
lang_of_subtag(const char *s, size_t n)
{
	char a, b;

	if (n != 2)
		return -1;
	a = to_lower(s[0]);
	b = to_lower(s[1]);
	if (a == 'k' && (b == 'k' || b == 'z'))
		return ECO_LANG_KK;
	if (a == 'r' && b == 'u')
		return ECO_LANG_RU;
	if (a == 'e' && b == 'n')
		return ECO_LANG_EN;
	return -1;
}

/*
 * A qvalue (RFC 9110 12.4.2: "0" ["." 0*3DIGIT] / "1" ["." 0*3"0"]) in
 * thousandths, or -1 when malformed.
 */
static int
parse_qvalue(const char *s, size_t n)
{
	int q, scale = 100;
	size_t i;

	if (n == 0 || n > 5 || (s[0] != '0' && s[0] != '1'))
		return -1;
	q = (s[0] - '0') * 1000;
	if (n == 1)
		return q;
	if (s[1] != '.')
		return -1;
	for (i = 2; i < n; i++) {
		if (!is_digit(s[i]))
			return -1;
		q += (s[i] - '0') * scale;
		scale /= 10;
	}
	return q > 1000 ? -1 : q;
}

/*
 * One list element, already trimmed: language-range [OWS ";" OWS "q="
 * qvalue] with language-range = 1*8ALPHA *("-" 1*8alphanum) / "*".  Sets
 * *lang (-1 for "*" and languages we do not serve) and *q; returns -1 when
 * the element is malformed.
 */
static int
parse_accept_element(const char *s, size_t n, int *lang, int *q)
{
	size_t i = 0, start;

	if (n > 0 && s[0] == '*') {
		i = 1;
		*lang = -1;
	} else {
		while (i < n && is_alpha(s[i]))
			i++;
		if (i < 1 || i > 8)
			return -1;
		*lang = lang_of_subtag(s, i);
		while (i < n && s[i] == '-') {
			start = ++i;
			while (i < n && (is_alpha(s[i]) || is_digit(s[i])))
				i++;
			if (i - start < 1 || i - start > 8)
				return -1;
		}
	}
	*q = 1000;
	while (i < n && is_space(s[i]))
		i++;
	if (i == n)
		return 0;
	if (s[i++] != ';')
		return -1;
	while (i < n && is_space(s[i]))
		i++;
	/* The parameter name is case-insensitive (RFC 9110 5.6.6). */
	if (n - i < 2 || to_lower(s[i]) != 'q' || s[i + 1] != '=')
		return -1;
	*q = parse_qvalue(s + i + 2, n - i - 2);
	return *q < 0 ? -1 : 0;
}

enum eco_lang
eco_lang_from_accept(const char *header, enum eco_lang fallback)
{
	size_t len, start, end, s, e, entries = 0;
	int best = -1, best_q = 0, truncated, lang, q;

	if (header == NULL)
		return fallback;
	len = strnlen(header, ACCEPT_MAX_BYTES + 1);
	truncated = len > ACCEPT_MAX_BYTES;
	if (truncated)
		len = ACCEPT_MAX_BYTES;
	for (start = 0; start < len && entries < ACCEPT_MAX_ENTRIES;
	    start = end + 1) {
		end = start;
		while (end < len && header[end] != ',')
			end++;
		/* An element cut by the bound is incomplete ("ru;q=0." ...). */
		if (end == len && truncated && header[len] != ',')
			break;
		s = start;
		e = end;
		while (s < e && is_space(header[s]))
			s++;
		while (e > s && is_space(header[e - 1]))
			e--;
		if (s == e)
			continue;	/* RFC 9110 lists allow empty elements */
		entries++;
		if (parse_accept_element(header + s, e - s, &lang, &q) == -1)
			continue;
		/* q=0 means "not acceptable"; a tie keeps the earlier one. */
		if (lang >= 0 && q > best_q) {
			best = lang;
			best_q = q;
		}
	}
	return best < 0 ? fallback : (enum eco_lang)best;
}

/* --- the tables ---------------------------------------------------------- */

/* FNV-1a over msgctxt, a separator, msgid: no key is built, nothing allocated. */
static uint32_t
hash_key(const char *msgctxt, const char *msgid)
{
	const unsigned char *p;
	uint32_t h = 2166136261u;

	if (msgctxt != NULL) {
		for (p = (const unsigned char *)msgctxt; *p != '\0'; p++)
			h = (h ^ *p) * 16777619u;
		/* gettext's own separator, so "" differs from no context */
		h = (h ^ 0x04) * 16777619u;
	}
	for (p = (const unsigned char *)msgid; *p != '\0'; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

static int
same_key(const struct entry *e, const char *msgctxt, const char *msgid)
{
	if ((e->msgctxt == NULL) != (msgctxt == NULL))
		return 0;
	if (msgctxt != NULL && strcmp(e->msgctxt, msgctxt) != 0)
		return 0;
	return strcmp(e->msgid, msgid) == 0;
}

static const struct entry *
catalog_find(const struct catalog *c, const char *msgctxt, const char *msgid)
{
	const struct entry *e;
	uint32_t h;
	size_t i, mask;

	if (c->cap == 0)
		return NULL;
	h = hash_key(msgctxt, msgid);
	mask = c->cap - 1;
	/* Ends at an empty slot, and at most half the slots are used. */
	for (i = h & mask; (e = c->slots[i]) != NULL; i = (i + 1) & mask)
		if (e->hash == h && same_key(e, msgctxt, msgid))
			return e;
	return NULL;
}

static void
catalog_put(struct catalog *c, struct entry *e)
{
	struct entry **old = c->slots;
	size_t i, oldcap = c->cap, mask;

	if ((c->count + 1) * 2 > c->cap) {
		c->cap = oldcap == 0 ? 64 : oldcap * 2;
		c->slots = xrealloc(NULL, c->cap * sizeof(*c->slots));
		memset(c->slots, 0, c->cap * sizeof(*c->slots));
		c->count = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i] != NULL)
				catalog_put(c, old[i]);
		free(old);
	}
	mask = c->cap - 1;
	for (i = e->hash & mask; c->slots[i] != NULL; i = (i + 1) & mask)
		continue;
	c->slots[i] = e;
	c->count++;
}

struct eco_catalogs *
eco_catalogs_new(void)
{
	struct eco_catalogs *cats = xrealloc(NULL, sizeof(*cats));

	memset(cats, 0, sizeof(*cats));
	return cats;
}

void
eco_catalogs_free(struct eco_catalogs *cats)
{
	struct catalog *c;
	size_t i;
	int l;

	if (cats == NULL)
		return;
	for (l = 0; l < ECO_LANG_COUNT; l++) {
		c = &cats->lang[l];
		for (i = 0; i < c->cap; i++)
			free(c->slots[i]);
		free(c->slots);
	}
	free(cats);
}

void
eco_catalogs_each(const struct eco_catalogs *cats, enum eco_lang lang,
    void (*fn)(void *, const struct eco_message *), void *ud)
{
	const struct catalog *c;
	const struct entry *e;
	struct eco_message m;
	size_t i;

	if (cats == NULL || (unsigned)lang >= ECO_LANG_COUNT)
		return;
	c = &cats->lang[lang];
	for (i = 0; i < c->cap; i++) {
		if ((e = c->slots[i]) == NULL)
			continue;
		m.msgctxt = e->msgctxt;
		m.msgid = e->msgid;
		m.msgid_plural = e->msgid_plural;
		m.msgstr = e->msgstr;
		m.nforms = e->nforms;
		fn(ud, &m);
	}
}

/* --- lookups ------------------------------------------------------------- */

static const struct entry *
lookup(const struct eco_catalogs *cats, enum eco_lang lang,
    const char *msgctxt, const char *msgid)
{
	if (cats == NULL || (unsigned)lang >= ECO_LANG_COUNT || msgid == NULL)
		return NULL;
	return catalog_find(&cats->lang[lang], msgctxt, msgid);
}

/* The index of the plural form for n; the rules match the catalogs' headers. */
static size_t
plural_index(enum eco_lang lang, unsigned long n)
{
	if (lang == ECO_LANG_RU) {
		if (n % 10 == 1 && n % 100 != 11)
			return 0;
		if (n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 10 || n % 100 >= 20))
			return 1;
		return 2;
	}
	return n != 1;
}

static size_t
plural_count(enum eco_lang lang)
{
	return lang == ECO_LANG_RU ? 3 : 2;
}

const char *
eco_gettext(const struct eco_catalogs *cats, enum eco_lang lang,
    const char *msgctxt, const char *msgid)
{
	const struct entry *e = lookup(cats, lang, msgctxt, msgid);

	if (e == NULL || e->nforms == 0 || e->msgstr[0][0] == '\0')
		return msgid != NULL ? msgid : "";
	return e->msgstr[0];
}

const char *
eco_ngettext(const struct eco_catalogs *cats, enum eco_lang lang,
    const char *msgid, const char *msgid_plural, unsigned long n)
{
	const struct entry *e = lookup(cats, lang, NULL, msgid);
	const char *fallback;
	size_t i;

	fallback = n != 1 && msgid_plural != NULL ? msgid_plural : msgid;
	if (fallback == NULL)
		fallback = "";
	if (e == NULL || e->msgid_plural == NULL)
		return fallback;
	i = plural_index(lang, n);
	if (i >= e->nforms || e->msgstr[i][0] == '\0')
		return fallback;
	return e->msgstr[i];
}

void
eco_format_date(const struct eco_catalogs *cats, enum eco_lang lang,
    int y, int m, int d, struct eco_buf *out)
{
	const char *pattern, *month, *p;

	/* Not a date: the numbers are more useful to a reader than nothing. */
	if (m < 1 || m > 12 || d < 1 || d > 31) {
		eco_buf_printf(out, "%04d-%02d-%02d", y, m, d);
		return;
	}
	pattern = eco_gettext(cats, lang, "date format", "{day} {month} {year}");
	month = eco_gettext(cats, lang, "month genitive", month_msgids[m - 1]);
	for (p = pattern; *p != '\0'; ) {
		if (*p != '{')
			eco_buf_putc(out, *p++);
		else if (strncmp(p, "{day}", 5) == 0) {
			eco_buf_put_int(out, d);
			p += 5;
		} else if (strncmp(p, "{month}", 7) == 0) {
			eco_buf_puts(out, month);
			p += 7;
		} else if (strncmp(p, "{year}", 6) == 0) {
			eco_buf_put_int(out, y);
			p += 6;
		} else
			eco_buf_putc(out, *p++);
	}
}

const char *
eco_month_name(const struct eco_catalogs *cats, enum eco_lang lang, int m)
{
	if (m < 1 || m > 12)
		return "";
	return eco_gettext(cats, lang, "month", month_msgids[m - 1]);
}

/* --- the .po reader ------------------------------------------------------ */

/* A growable string, always NUL-terminated once something was added. */
struct sbuf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

static void
sbuf_putc(struct sbuf *b, char c)
{
	if (b->len + 2 > b->cap) {
		b->cap = b->cap == 0 ? 64 : b->cap * 2;
		b->data = xrealloc(b->data, b->cap);
	}
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

static const char *
sbuf_str(const struct sbuf *b)
{
	return b->len == 0 ? "" : b->data;
}

/* The field a "..." continuation line appends to. */
enum po_field {
	PO_NONE,
	PO_MSGCTXT,
	PO_MSGID,
	PO_MSGID_PLURAL,
	PO_MSGSTR
};

/* The entry being read; the buffers are reused from one entry to the next. */
struct po_entry {
	struct sbuf	 msgctxt;
	struct sbuf	 msgid;
	struct sbuf	 msgid_plural;
	struct sbuf	 msgstr[PO_MAX_FORMS];
	int		 has_msgctxt;
	int		 has_msgid;
	int		 has_plural;
	size_t		 nstr;		/* msgstr and msgstr[N] lines seen */
	int		 fuzzy;
	int		 line;
	enum po_field	 last;
};

struct po_reader {
	struct catalog	*catalog;
	enum eco_lang	 lang;
	const char	*name;		/* the file, for messages */
	int		 line;
	int		 seen_header;
	int		 next_fuzzy;	/* a "#, fuzzy" waits for its entry */
	struct po_entry	 e;
	char		*err;
	size_t		 errlen;
};

static int
po_error(struct po_reader *r, int line, const char *what)
{
	if (r->err != NULL && r->errlen > 0)
		snprintf(r->err, r->errlen, "%s:%d: %s", r->name, line, what);
	return -1;
}

static int
entry_started(const struct po_entry *e)
{
	return e->has_msgctxt || e->has_msgid;
}

static void
entry_reset(struct po_entry *e)
{
	size_t i;

	e->msgctxt.len = e->msgid.len = e->msgid_plural.len = 0;
	for (i = 0; i < PO_MAX_FORMS; i++)
		e->msgstr[i].len = 0;
	e->has_msgctxt = e->has_msgid = e->has_plural = 0;
	e->nstr = 0;
	e->fuzzy = 0;
	e->last = PO_NONE;
}

static void
entry_free(struct po_entry *e)
{
	size_t i;

	free(e->msgctxt.data);
	free(e->msgid.data);
	free(e->msgid_plural.data);
	for (i = 0; i < PO_MAX_FORMS; i++)
		free(e->msgstr[i].data);
}

/*
 * Decodes the quoted string at s (s[0] must be '"') onto b.  Only blanks
 * may follow the closing quote.
 */
static int
po_string(struct po_reader *r, const char *s, size_t n, struct sbuf *b)
{
	size_t i;
	char c;

	if (n == 0 || s[0] != '"')
		return po_error(r, r->line, "expected a quoted string");
	for (i = 1; i < n && s[i] != '"'; i++) {
		c = s[i];
		if (c == '\\') {
			if (++i == n)
				break;
			switch (s[i]) {
			case 'n':	c = '\n'; break;
			case 't':	c = '\t'; break;
			case 'r':	c = '\r'; break;
			case '"':	c = '"'; break;
			case '\\':	c = '\\'; break;
			default:
				return po_error(r, r->line,
				    "unknown escape sequence in string");
			}
		}
		sbuf_putc(b, c);
	}
	if (i >= n)
		return po_error(r, r->line, "unterminated string");
	for (i++; i < n; i++)
		if (!is_space(s[i]))
			return po_error(r, r->line, "text after the closing quote");
	return 0;
}

/* The value of header field name ("Language:"), its length in *vlen. */
static const char *
header_field(const char *h, const char *name, size_t *vlen)
{
	size_t nlen = strlen(name);
	const char *line, *eol;

	for (line = h; *line != '\0'; line = *eol == '\0' ? eol : eol + 1) {
		eol = strchr(line, '\n');
		if (eol == NULL)
			eol = line + strlen(line);
		if ((size_t)(eol - line) >= nlen && strncmp(line, name, nlen) == 0) {
			*vlen = (size_t)(eol - line) - nlen;
			return line + nlen;
		}
	}
	return NULL;
}

/* Where needle starts in s[0..n), or NULL. */
static const char *
find_in(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = 0; i + k <= n; i++)
		if (memcmp(s + i, needle, k) == 0)
			return s + i;
	return NULL;
}

/*
 * The header entry tells the charset and the plural rule the translator
 * worked with; both must be the ones this code assumes.  A fuzzy header
 * (the .pot template's) is not checked.
 */
static int
po_header(struct po_reader *r)
{
	const char *h = sbuf_str(&r->e.msgstr[0]), *v, *p;
	size_t vlen, rest, nplurals = 0;

	if (r->seen_header)
		return po_error(r, r->e.line, "a second header entry");
	r->seen_header = 1;
	if (r->e.fuzzy)
		return 0;
	if ((v = header_field(h, "Content-Type:", &vlen)) != NULL &&
	    (p = find_in(v, vlen, "charset=")) != NULL) {
		p += strlen("charset=");
		rest = vlen - (size_t)(p - v);
		if (rest < 5 || !same_ascii_nocase(p, "utf-8", 5) ||
		    (rest > 5 && !is_space(p[5]) && p[5] != ';'))
			return po_error(r, r->e.line, "the charset is not UTF-8");
	}
	if ((v = header_field(h, "Plural-Forms:", &vlen)) != NULL) {
		if ((p = find_in(v, vlen, "nplurals=")) == NULL)
			return po_error(r, r->e.line, "Plural-Forms without nplurals");
		p += strlen("nplurals=");
		rest = vlen - (size_t)(p - v);
		while (rest > 0 && is_digit(*p) && nplurals < 100) {
			nplurals = nplurals * 10 + (size_t)(*p++ - '0');
			rest--;
		}
		if (nplurals != plural_count(r->lang))
			return po_error(r, r->e.line,
			    "Plural-Forms nplurals differs from the language's rule");
	}
	return 0;
}

/* Copies the finished entry into one allocation and files it. */
static int
po_store(struct po_reader *r)
{
	struct po_entry *pe = &r->e;
	struct entry *e;
	const struct entry *dup;
	const char *ctxt = pe->has_msgctxt ? sbuf_str(&pe->msgctxt) : NULL;
	const char *id = sbuf_str(&pe->msgid);
	size_t size, i, nonempty = 0;
	char *p, msg[64];

	if ((dup = catalog_find(r->catalog, ctxt, id)) != NULL) {
		snprintf(msg, sizeof(msg), "duplicate of the message at line %d",
		    dup->line);
		return po_error(r, pe->line, msg);
	}
	size = pe->msgctxt.len + pe->msgid.len + pe->msgid_plural.len + 3;
	for (i = 0; i < pe->nstr; i++) {
		size += pe->msgstr[i].len + 1;
		nonempty += pe->msgstr[i].len > 0;
	}
	e = xrealloc(NULL, sizeof(*e) + size);
	memset(e, 0, sizeof(*e));
	e->line = pe->line;
	p = e->strings;
#define COPY(dst, sb) do {						\
	(dst) = p;							\
	memcpy(p, sbuf_str(sb), (sb)->len + 1);				\
	p += (sb)->len + 1;						\
} while (0)
	COPY(e->msgid, &pe->msgid);
	if (pe->has_msgctxt)
		COPY(e->msgctxt, &pe->msgctxt);
	if (pe->has_plural)
		COPY(e->msgid_plural, &pe->msgid_plural);
	/* Fuzzy or empty: kept so the msgid is known, but untranslated. */
	if (!pe->fuzzy && nonempty > 0) {
		e->nforms = pe->nstr;
		for (i = 0; i < pe->nstr; i++)
			COPY(e->msgstr[i], &pe->msgstr[i]);
	}
#undef COPY
	e->hash = hash_key(e->msgctxt, e->msgid);
	catalog_put(r->catalog, e);
	return 0;
}

static int
po_finish(struct po_reader *r)
{
	int rc;

	if (!r->e.has_msgctxt && r->e.msgid.len == 0)
		rc = po_header(r);
	else if (r->e.msgid.len == 0)
		rc = po_error(r, r->e.line, "empty msgid with a msgctxt");
	else
		rc = po_store(r);
	entry_reset(&r->e);
	return rc;
}

/* Before msgctxt or msgid: the previous entry must be complete. */
static int
po_begin(struct po_reader *r)
{
	if (entry_started(&r->e)) {
		if (r->e.nstr == 0)
			return po_error(r, r->line, r->e.has_msgid ?
			    "missing msgstr" : "msgctxt without msgid");
		if (po_finish(r) == -1)
			return -1;
	}
	r->e.line = r->line;
	r->e.fuzzy = r->next_fuzzy;
	r->next_fuzzy = 0;
	return 0;
}

/* "fuzzy" among the comma-separated flags of a "#," comment. */
static int
has_fuzzy_flag(const char *s, size_t n)
{
	size_t i = 0, start;

	while (i < n) {
		while (i < n && (is_space(s[i]) || s[i] == ','))
			i++;
		start = i;
		while (i < n && !is_space(s[i]) && s[i] != ',')
			i++;
		if (i - start == 5 && memcmp(s + start, "fuzzy", 5) == 0)
			return 1;
	}
	return 0;
}

static int
po_comment(struct po_reader *r, const char *s, size_t n)
{
	/* Comments lead the next entry, so the current one must be over. */
	if (entry_started(&r->e)) {
		if (r->e.nstr == 0)
			return po_error(r, r->line, "comment inside an entry");
		if (po_finish(r) == -1)
			return -1;
	}
	if (n >= 2 && s[1] == ',' && has_fuzzy_flag(s + 2, n - 2))
		r->next_fuzzy = 1;
	return 0;
}

static int
po_continuation(struct po_reader *r, const char *s, size_t n)
{
	struct po_entry *e = &r->e;

	switch (e->last) {
	case PO_MSGCTXT:
		return po_string(r, s, n, &e->msgctxt);
	case PO_MSGID:
		return po_string(r, s, n, &e->msgid);
	case PO_MSGID_PLURAL:
		return po_string(r, s, n, &e->msgid_plural);
	case PO_MSGSTR:
		return po_string(r, s, n, &e->msgstr[e->nstr - 1]);
	case PO_NONE:
		break;
	}
	return po_error(r, r->line, "string without a keyword");
}

static int
po_msgstr(struct po_reader *r, int indexed, size_t form, const char *s,
    size_t n)
{
	struct po_entry *e = &r->e;

	if (!e->has_msgid)
		return po_error(r, r->line, "msgstr without msgid");
	if (!indexed) {
		if (e->has_plural)
			return po_error(r, r->line,
			    "msgstr in a plural message (use msgstr[N])");
		if (e->nstr > 0)
			return po_error(r, r->line, "a second msgstr");
	} else {
		if (!e->has_plural)
			return po_error(r, r->line,
			    "msgstr[N] without msgid_plural");
		if (form != e->nstr)
			return po_error(r, r->line, "msgstr[N] out of order");
		if (form >= PO_MAX_FORMS)
			return po_error(r, r->line, "too many plural forms");
	}
	e->nstr++;
	e->last = PO_MSGSTR;
	return po_string(r, s, n, &e->msgstr[e->nstr - 1]);
}

static int
po_keyword(struct po_reader *r, const char *s, size_t n)
{
	struct po_entry *e = &r->e;
	const char *kw = s;
	size_t k = 0, i, form = 0;
	int indexed = 0;

	while (k < n && ((s[k] >= 'a' && s[k] <= 'z') || s[k] == '_'))
		k++;
	i = k;
	if (i < n && s[i] == '[') {
		indexed = 1;
		for (i++; i < n && is_digit(s[i]) && form < 100; i++)
			form = form * 10 + (size_t)(s[i] - '0');
		if (i == k + 1 || i >= n || s[i] != ']')
			return po_error(r, r->line, "malformed msgstr[N]");
		i++;
	}
	while (i < n && is_space(s[i]))
		i++;
	s += i;
	n -= i;
#define IS(name)	(k == sizeof(name) - 1 && memcmp(kw, name, k) == 0)
	if (IS("msgstr"))
		return po_msgstr(r, indexed, form, s, n);
	if (indexed)
		return po_error(r, r->line, "unknown keyword");
	if (IS("msgctxt")) {
		if (po_begin(r) == -1)
			return -1;
		e->has_msgctxt = 1;
		e->last = PO_MSGCTXT;
		return po_string(r, s, n, &e->msgctxt);
	}
	if (IS("msgid")) {
		/* A msgctxt just before has begun the entry already. */
		if (!e->has_msgctxt || e->has_msgid) {
			if (po_begin(r) == -1)
				return -1;
		}
		e->has_msgid = 1;
		e->last = PO_MSGID;
		return po_string(r, s, n, &e->msgid);
	}
	if (IS("msgid_plural")) {
		if (!e->has_msgid || e->nstr > 0)
			return po_error(r, r->line,
			    "msgid_plural must follow msgid");
		if (e->has_plural)
			return po_error(r, r->line, "a second msgid_plural");
		e->has_plural = 1;
		e->last = PO_MSGID_PLURAL;
		return po_string(r, s, n, &e->msgid_plural);
	}
#undef IS
	return po_error(r, r->line, "unknown keyword");
}

static int
po_line(struct po_reader *r, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && is_space(s[i]))
		i++;
	if (i == n)
		return 0;
	if (s[i] == '#')
		return po_comment(r, s + i, n - i);
	if (s[i] == '"')
		return po_continuation(r, s + i, n - i);
	return po_keyword(r, s + i, n - i);
}

static int
po_parse(struct catalog *c, enum eco_lang lang, const char *name,
    const char *text, size_t len, char *err, size_t errlen)
{
	struct po_reader r;
	size_t start, end, n;
	int rc = 0;

	memset(&r, 0, sizeof(r));
	r.catalog = c;
	r.lang = lang;
	r.name = name;
	r.err = err;
	r.errlen = errlen;
	if (len > PO_MAX_BYTES)
		return po_error(&r, 0, "larger than 16 MiB");
	for (start = 0; start < len && rc == 0; start = end + 1) {
		r.line++;
		end = start;
		while (end < len && text[end] != '\n')
			end++;
		n = end - start;
		if (memchr(text + start, '\0', n) != NULL)
			rc = po_error(&r, r.line, "NUL byte");
		else if (!eco_utf8_valid(text + start, n))
			rc = po_error(&r, r.line, "invalid UTF-8");
		else {
			if (n > 0 && text[start + n - 1] == '\r')
				n--;
			rc = po_line(&r, text + start, n);
		}
	}
	if (rc == 0 && entry_started(&r.e)) {
		if (r.e.nstr == 0)
			rc = po_error(&r, r.line, r.e.has_msgid ?
			    "missing msgstr at the end" :
			    "msgctxt without msgid at the end");
		else
			rc = po_finish(&r);
	}
	entry_free(&r.e);
	return rc;
}

/*
 * Messages parsed before an error stay in the catalog; eco_catalogs_load
 * throws the whole set away on any error.
 */
int
eco_catalogs_add_po(struct eco_catalogs *cats, enum eco_lang lang,
    const char *text, size_t len, char *err, size_t errlen)
{
	char name[16];

	if ((unsigned)lang >= ECO_LANG_COUNT) {
		if (err != NULL && errlen > 0)
			snprintf(err, errlen, "no such language");
		return -1;
	}
	snprintf(name, sizeof(name), "<%s>", lang_codes[lang]);
	return po_parse(&cats->lang[lang], lang, name, text, len, err, errlen);
}

/* Reads a whole file into malloc'd memory (no NUL added). */
static char *
read_file(const char *path, size_t *lenp, char *err, size_t errlen)
{
	FILE *f;
	char *text = NULL;
	size_t len = 0, cap = 0, got;

	if ((f = fopen(path, "rb")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (len == cap) {
			/* One byte past the limit tells "too large" apart. */
			if (cap > PO_MAX_BYTES)
				break;
			cap = cap == 0 ? 65536 : cap * 2;
			if (cap > PO_MAX_BYTES + 1)
				cap = PO_MAX_BYTES + 1;
			text = xrealloc(text, cap);
		}
		got = fread(text + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f) || len > PO_MAX_BYTES) {
		snprintf(err, errlen, "%s: %s", path, ferror(f) ?
		    "read error" : "larger than 16 MiB");
		fclose(f);
		free(text);
		return NULL;
	}
	fclose(f);
	*lenp = len;
	return text;
}

struct eco_catalogs *
eco_catalogs_load(const char *po_dir, char *err, size_t errlen)
{
	struct eco_catalogs *cats = eco_catalogs_new();
	char path[4096], dummy[1];
	char *text;
	size_t len;
	int lang, rc, n;

	if (err == NULL || errlen == 0) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	for (lang = 0; lang < ECO_LANG_COUNT; lang++) {
		n = snprintf(path, sizeof(path), "%s/%s.po", po_dir,
		    lang_codes[lang]);
		if (n < 0 || (size_t)n >= sizeof(path)) {
			snprintf(err, errlen, "%s: path too long", po_dir);
			break;
		}
		if ((text = read_file(path, &len, err, errlen)) == NULL)
			break;
		rc = po_parse(&cats->lang[lang], (enum eco_lang)lang, path,
		    text, len, err, errlen);
		free(text);
		if (rc == -1)
			break;
	}
	if (lang < ECO_LANG_COUNT) {
		eco_catalogs_free(cats);
		return NULL;
	}
	return cats;
}

#define SUBST_MAX	16	/* name, value pairs */

char *
eco_subst(struct eco_arena *arena, const char *pattern, ...)
{
	const char *names[SUBST_MAX], *values[SUBST_MAX];
	const char *p, *end;
	struct eco_buf out;
	size_t n = 0, i;
	va_list ap;

	va_start(ap, pattern);
	while (n < SUBST_MAX && (names[n] = va_arg(ap, const char *)) != NULL) {
		values[n] = va_arg(ap, const char *);
		n++;
	}
	va_end(ap);
	eco_buf_init(&out, arena);
	for (p = pattern; *p != '\0'; p++) {
		if (*p == '{' && (end = strchr(p, '}')) != NULL) {
			for (i = 0; i < n; i++)
				if (strlen(names[i]) == (size_t)(end - p - 1) &&
				    strncmp(p + 1, names[i], end - p - 1) == 0)
					break;
			if (i < n) {
				eco_buf_puts(&out, values[i] != NULL ?
				    values[i] : "");
				p = end;
				continue;
			}
		}
		eco_buf_putc(&out, *p);
	}
	return out.data;
}

void
eco_format_day(const struct eco_catalogs *cats, enum eco_lang lang, long day,
    struct eco_buf *out)
{
	int y, m, d;

	if (day < -1000000L || day > 1000000L) {
		eco_buf_putc(out, '?');
		return;
	}
	eco_civil_from_days(day, &y, &m, &d);
	eco_format_date(cats, lang, y, m, d, out);
}
