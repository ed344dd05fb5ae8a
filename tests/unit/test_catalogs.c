/*
 * The completeness check of the translation catalogs.
 *
 * Every message the portal can show must be translated in kk, ru and en:
 * {{t "..."}} (with an optional ctx="...") and {{tn "..." "..."}} in the
 * .html files below templates/, N_("...") in the C files below lib/,
 * handlers/ and tools/, and every msgid of po/ecogosfond.pot.  A missing translation
 * fails with the list of what is missing, so the fix is obvious.
 *
 * Messages of a catalog that nothing uses any more, and messages used but
 * absent from the template, are listed as warnings only: they cost nothing
 * at run time and are tidied when convenient.
 *
 * The files are found below $ECO_SHARE_DIR (the repository when the tests
 * run; "." when unset).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tap.h"

#define MAX_DEPTH	16		/* of directories below a root */
#define MAX_FILE	(16L * 1024 * 1024)

struct msg {
	char			*ctxt;		/* NULL when none */
	char			*id;
	char			*plural;	/* NULL for a singular message */
	char			*where;		/* where it was first seen */
	size_t			 seq;		/* order of discovery */
	const char *const	*msgstr;	/* catalog sets only */
	size_t			 nforms;
};

struct msgset {
	struct msg	*v;
	size_t		 n;
	size_t		 cap;
};

/* A problem found with one message, printed after its test point. */
struct problem {
	const struct msg	*m;
	const char		*why;
};

struct problems {
	struct problem	*v;
	size_t		 n;
	size_t		 cap;
};

static const char *share = ".";
static int read_errors;

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL) {
		fputs("out of memory\n", stderr);
		exit(2);
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xrealloc(NULL, n), s, n);
}

/* --- sets of messages ---------------------------------------------------- */

static void
msgset_add(struct msgset *set, const char *ctxt, const char *id,
    const char *plural, const char *where)
{
	struct msg *m;

	if (set->n == set->cap) {
		set->cap = set->cap == 0 ? 64 : set->cap * 2;
		set->v = xrealloc(set->v, set->cap * sizeof(*set->v));
	}
	m = &set->v[set->n];
	memset(m, 0, sizeof(*m));
	m->ctxt = ctxt != NULL ? xstrdup(ctxt) : NULL;
	m->id = xstrdup(id);
	m->plural = plural != NULL ? xstrdup(plural) : NULL;
	m->where = xstrdup(where);
	m->seq = set->n++;
}

static void
msg_free(struct msg *m)
{
	free(m->ctxt);
	free(m->id);
	free(m->plural);
	free(m->where);
}

static void
msgset_free(struct msgset *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		msg_free(&set->v[i]);
	free(set->v);
}

/* Messages without a context first, then by context, then by msgid. */
static int
key_cmp(const char *c1, const char *i1, const char *c2, const char *i2)
{
	int r;

	if (c1 == NULL || c2 == NULL) {
		if (c1 != c2)
			return c1 == NULL ? -1 : 1;
	} else if ((r = strcmp(c1, c2)) != 0)
		return r;
	return strcmp(i1, i2);
}

static int
msg_cmp(const void *a, const void *b)
{
	const struct msg *x = a, *y = b;
	int r = key_cmp(x->ctxt, x->id, y->ctxt, y->id);

	if (r != 0)
		return r;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Sorts the set and keeps one message per key: the first seen, but with a
 * msgid_plural if any use had one.
 */
static void
msgset_sort(struct msgset *set)
{
	size_t i, out = 0;
	struct msg *keep;

	if (set->n == 0)
		return;
	qsort(set->v, set->n, sizeof(*set->v), msg_cmp);
	for (i = 1; i < set->n; i++) {
		keep = &set->v[out];
		if (key_cmp(keep->ctxt, keep->id, set->v[i].ctxt,
		    set->v[i].id) != 0) {
			set->v[++out] = set->v[i];
			continue;
		}
		if (keep->plural == NULL && set->v[i].plural != NULL) {
			keep->plural = set->v[i].plural;
			set->v[i].plural = NULL;
		}
		msg_free(&set->v[i]);
	}
	set->n = out + 1;
}

static const struct msg *
msgset_find(const struct msgset *set, const char *ctxt, const char *id)
{
	size_t lo = 0, hi = set->n, mid;
	int r;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		r = key_cmp(ctxt, id, set->v[mid].ctxt, set->v[mid].id);
		if (r == 0)
			return &set->v[mid];
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* --- reading files ------------------------------------------------------- */

static char *
read_file(const char *path, size_t *lenp)
{
	FILE *f = fopen(path, "rb");
	char *text;
	size_t len;

	if (f == NULL)
		return NULL;
	text = xrealloc(NULL, MAX_FILE + 1);
	len = fread(text, 1, MAX_FILE + 1, f);
	if (ferror(f) || len > MAX_FILE) {
		fclose(f);
		free(text);
		return NULL;
	}
	fclose(f);
	text[len] = '\0';
	*lenp = len;
	return text;
}

struct paths {
	char	**v;
	size_t	  n;
	size_t	  cap;
};

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && strcmp(s + n - k, suffix) == 0;
}

/*
 * Collects the files ending in suffix below dir, a path relative to the
 * share directory.  Hidden entries and symbolic links are skipped, which
 * also keeps a link loop from running away.  A missing dir is empty.
 */
static void
walk(const char *dir, const char *suffix, int depth, struct paths *out)
{
	char full[4096], rel[4096];
	struct dirent *de;
	struct stat st;
	DIR *d;
	int n;

	n = snprintf(full, sizeof(full), "%s/%s", share, dir);
	if (n < 0 || (size_t)n >= sizeof(full) || depth > MAX_DEPTH ||
	    (d = opendir(full)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		n = snprintf(rel, sizeof(rel), "%s/%s", dir, de->d_name);
		if (n < 0 || (size_t)n >= sizeof(rel))
			continue;
		n = snprintf(full, sizeof(full), "%s/%s", share, rel);
		if (n < 0 || (size_t)n >= sizeof(full) || lstat(full, &st) == -1)
			continue;
		if (S_ISDIR(st.st_mode))
			walk(rel, suffix, depth + 1, out);
		else if (S_ISREG(st.st_mode) && has_suffix(rel, suffix)) {
			if (out->n == out->cap) {
				out->cap = out->cap == 0 ? 64 : out->cap * 2;
				out->v = xrealloc(out->v,
				    out->cap * sizeof(*out->v));
			}
			out->v[out->n++] = xstrdup(rel);
		}
	}
	closedir(d);
}

static int
path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* --- templates ----------------------------------------------------------- */

/* A growable string for decoded literals. */
struct str {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

static void
str_putc(struct str *s, char c)
{
	if (s->len + 2 > s->cap) {
		s->cap = s->cap == 0 ? 64 : s->cap * 2;
		s->data = xrealloc(s->data, s->cap);
	}
	s->data[s->len++] = c;
	s->data[s->len] = '\0';
}

static const char *
str_get(const struct str *s)
{
	return s->len == 0 ? "" : s->data;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t
skip_blanks(const char *s, size_t n, size_t i)
{
	while (i < n && is_blank(s[i]))
		i++;
	return i;
}

/*
 * A template string argument at s[*i] ("..." with \" and \\); -1 if there
 * is none.  Other backslashes stay as they are.
 */
static int
template_string(const char *s, size_t n, size_t *i, struct str *out)
{
	size_t j = *i;

	out->len = 0;
	if (j >= n || s[j] != '"')
		return -1;
	for (j++; j < n && s[j] != '"'; j++) {
		if (s[j] == '\\' && j + 1 < n && (s[j + 1] == '"' ||
		    s[j + 1] == '\\'))
			j++;
		str_putc(out, s[j]);
	}
	if (j >= n)
		return -1;
	*i = j + 1;
	return 0;
}

/* Finds {{t "msgid" [ctx="..."]}} and {{tn "msgid" "msgid_plural" n}}. */
static void
scan_template(struct msgset *used, const char *path, const char *s, size_t n)
{
	struct str a = { 0 }, b = { 0 }, ctx = { 0 };
	char where[4200];
	size_t i, j, line = 1;
	int plural;

	for (i = 0; i + 1 < n; i++) {
		if (s[i] == '\n')
			line++;
		if (s[i] != '{' || s[i + 1] != '{')
			continue;
		j = skip_blanks(s, n, i + 2);
		if (j >= n || s[j] != 't')
			continue;
		plural = j + 1 < n && s[j + 1] == 'n';
		j += plural ? 2 : 1;
		if (j >= n || !is_blank(s[j]))
			continue;
		j = skip_blanks(s, n, j);
		if (template_string(s, n, &j, &a) == -1)
			continue;
		j = skip_blanks(s, n, j);
		snprintf(where, sizeof(where), "%s:%zu", path, line);
		if (plural) {
			if (template_string(s, n, &j, &b) == 0)
				msgset_add(used, NULL, str_get(&a), str_get(&b),
				    where);
		} else if (n - j > 4 && memcmp(s + j, "ctx=", 4) == 0) {
			j += 4;
			if (template_string(s, n, &j, &ctx) == 0)
				msgset_add(used, str_get(&ctx), str_get(&a),
				    NULL, where);
		} else
			msgset_add(used, NULL, str_get(&a), NULL, where);
	}
	free(a.data);
	free(b.data);
	free(ctx.data);
}

/* --- C sources ----------------------------------------------------------- */

static int
is_ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes the C escape after a backslash at s[*i - 1]. */
static char
c_escape(const char *s, size_t n, size_t *i)
{
	int v = 0, k, h;
	char c = s[(*i)++];

	switch (c) {
	case 'n':	return '\n';
	case 't':	return '\t';
	case 'r':	return '\r';
	case 'a':	return '\a';
	case 'b':	return '\b';
	case 'f':	return '\f';
	case 'v':	return '\v';
	case 'x':
		while (*i < n && (h = hex_value(s[*i])) >= 0) {
			v = (v * 16 + h) & 0xff;
			(*i)++;
		}
		return (char)v;
	default:
		break;
	}
	if (c >= '0' && c <= '7') {
		v = c - '0';
		for (k = 1; k < 3 && *i < n && s[*i] >= '0' && s[*i] <= '7'; k++)
			v = v * 8 + (s[(*i)++] - '0');
		return (char)v;
	}
	return c;	/* \\ \' \" \? */
}

/*
 * Decodes the literal at s[*i] (which is the opening quote) onto out;
 * -1 when it does not end on its line.
 */
static int
c_literal(const char *s, size_t n, size_t *i, struct str *out)
{
	size_t j = *i + 1;
	char c;

	while (j < n && s[j] != '"' && s[j] != '\n') {
		c = s[j++];
		if (c == '\\' && j < n && s[j] != '\n')
			c = c_escape(s, n, &j);
		str_putc(out, c);
	}
	if (j >= n || s[j] != '"')
		return -1;
	*i = j + 1;
	return 0;
}

/*
 * After the identifier N_ at s[*i]: ( "literal" ["literal"...] ).  Adds
 * the message; newlines skipped are counted in *line.
 */
static void
scan_n_call(struct msgset *used, const char *path, size_t *line,
    const char *s, size_t n, size_t *i)
{
	struct str lit = { 0 };
	char where[4200];
	size_t j = *i, start_line = *line;

#define SKIP() do {							\
	while (j < n && is_blank(s[j]))					\
		if (s[j++] == '\n')					\
			(*line)++;					\
} while (0)
	SKIP();
	if (j >= n || s[j] != '(')
		goto out;
	j++;
	SKIP();
	if (j >= n || s[j] != '"')
		goto out;
	while (j < n && s[j] == '"') {
		if (c_literal(s, n, &j, &lit) == -1)
			goto out;
		SKIP();
	}
	if (j < n && s[j] == ')') {
		snprintf(where, sizeof(where), "%s:%zu", path, start_line);
		msgset_add(used, NULL, str_get(&lit), NULL, where);
		j++;
	}
#undef SKIP
out:
	*i = j;
	free(lit.data);
}

/* Skips a string or character literal starting at s[i]; returns the end. */
static size_t
skip_literal(const char *s, size_t n, size_t i)
{
	char quote = s[i++];

	while (i < n && s[i] != quote && s[i] != '\n') {
		if (s[i] == '\\' && i + 1 < n && s[i + 1] != '\n')
			i++;
		i++;
	}
	return i < n && s[i] == quote ? i + 1 : i;
}

/* Finds N_("...") outside comments and other literals. */
static void
scan_c(struct msgset *used, const char *path, const char *s, size_t n)
{
	size_t i = 0, start, line = 1;

	while (i < n) {
		if (s[i] == '\n') {
			line++;
			i++;
		} else if (s[i] == '/' && i + 1 < n && s[i + 1] == '/') {
			while (i < n && s[i] != '\n')
				i++;
		} else if (s[i] == '/' && i + 1 < n && s[i + 1] == '*') {
			for (i += 2; i < n && !(s[i] == '*' && i + 1 < n &&
			    s[i + 1] == '/'); i++)
				if (s[i] == '\n')
					line++;
			i += 2;
		} else if (s[i] == '"' || s[i] == '\'') {
			i = skip_literal(s, n, i);
		} else if (is_ident(s[i])) {
			start = i;
			while (i < n && is_ident(s[i]))
				i++;
			if (i - start == 2 && memcmp(s + start, "N_", 2) == 0)
				scan_n_call(used, path, &line, s, n, &i);
		} else
			i++;
	}
}

/* --- the sources --------------------------------------------------------- */

static void
scan_tree(struct msgset *used, const char *dir, const char *suffix,
    void (*scan)(struct msgset *, const char *, const char *, size_t),
    size_t *files)
{
	struct paths ps = { 0 };
	char full[4200];
	char *text;
	size_t i, len;

	walk(dir, suffix, 0, &ps);
	if (ps.n > 0)
		qsort(ps.v, ps.n, sizeof(*ps.v), path_cmp);
	for (i = 0; i < ps.n; i++) {
		snprintf(full, sizeof(full), "%s/%s", share, ps.v[i]);
		if ((text = read_file(full, &len)) == NULL) {
			printf("# cannot read %s\n", full);
			read_errors++;
		} else {
			scan(used, ps.v[i], text, len);
			(*files)++;
			free(text);
		}
		free(ps.v[i]);
	}
	free(ps.v);
}

struct collect {
	struct msgset	*set;
	const char	*where;
};

static void
collect_message(void *ud, const struct eco_message *em)
{
	struct collect *c = ud;
	struct msg *m;

	msgset_add(c->set, em->msgctxt, em->msgid, em->msgid_plural, c->where);
	m = &c->set->v[c->set->n - 1];
	m->msgstr = em->msgstr;
	m->nforms = em->nforms;
}

/* The msgids of the template, loaded as if it were a catalog. */
static int
load_template(struct msgset *used, struct eco_catalogs **potp)
{
	struct collect c = { used, "po/ecogosfond.pot" };
	char path[4200], err[512];
	char *text;
	size_t len;

	*potp = eco_catalogs_new();
	snprintf(path, sizeof(path), "%s/po/ecogosfond.pot", share);
	if ((text = read_file(path, &len)) == NULL) {
		printf("# cannot read %s\n", path);
		return -1;
	}
	if (eco_catalogs_add_po(*potp, ECO_LANG_EN, text, len, err,
	    sizeof(err)) == -1) {
		printf("# %s: %s\n", path, err);
		free(text);
		return -1;
	}
	free(text);
	eco_catalogs_each(*potp, ECO_LANG_EN, collect_message, &c);
	return 0;
}

/* --- reports ------------------------------------------------------------- */

static void
problem_add(struct problems *ps, const struct msg *m, const char *why)
{
	if (ps->n == ps->cap) {
		ps->cap = ps->cap == 0 ? 16 : ps->cap * 2;
		ps->v = xrealloc(ps->v, ps->cap * sizeof(*ps->v));
	}
	ps->v[ps->n].m = m;
	ps->v[ps->n].why = why;
	ps->n++;
}

/* A string as a .po file would quote it, on one line. */
static void
print_quoted(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '\n')
			fputs("\\n", stdout);
		else if (*s == '\t')
			fputs("\\t", stdout);
		else if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

/* Lists the problems as TAP diagnostics and forgets them. */
static void
problems_print(struct problems *ps)
{
	const struct msg *m;
	size_t i;

	for (i = 0; i < ps->n; i++) {
		m = ps->v[i].m;
		fputs("#   ", stdout);
		if (m->ctxt != NULL) {
			fputs("msgctxt ", stdout);
			print_quoted(m->ctxt);
			putchar(' ');
		}
		fputs("msgid ", stdout);
		print_quoted(m->id);
		if (m->plural != NULL) {
			fputs(" msgid_plural ", stdout);
			print_quoted(m->plural);
		}
		printf(" (%s): %s\n", m->where, ps->v[i].why);
	}
	ps->n = 0;
}

static size_t
nplurals(enum eco_lang lang)
{
	return lang == ECO_LANG_RU ? 3 : 2;
}

/* Why the catalog's m does not translate the plural message u, or NULL. */
static const char *
plural_problem(enum eco_lang lang, const struct msg *u, const struct msg *m)
{
	size_t i;

	if (m->plural == NULL)
		return "a singular message in the catalog";
	if (strcmp(m->plural, u->plural) != 0)
		return "the catalog has another msgid_plural";
	if (m->nforms < nplurals(lang))
		return "plural forms are missing";
	for (i = 0; i < nplurals(lang); i++)
		if (m->msgstr[i][0] == '\0')
			return "a plural form is empty";
	return NULL;
}

static void
check_catalog(const struct eco_catalogs *cats, enum eco_lang lang,
    const struct msgset *used)
{
	struct msgset cat = { 0 };
	struct collect c = { &cat, NULL };
	struct problems missing = { 0 }, plural = { 0 }, unused = { 0 };
	const struct msg *u, *m;
	const char *code = eco_lang_code(lang), *why;
	char where[32], name[128];
	size_t i;

	snprintf(where, sizeof(where), "po/%s.po", code);
	c.where = where;
	eco_catalogs_each(cats, lang, collect_message, &c);
	msgset_sort(&cat);
	for (i = 0; i < used->n; i++) {
		u = &used->v[i];
		m = msgset_find(&cat, u->ctxt, u->id);
		if (m == NULL)
			problem_add(&missing, u, "not in the catalog");
		else if (m->nforms == 0)
			problem_add(&missing, u, "untranslated or fuzzy");
		else if (u->plural == NULL && m->msgstr[0][0] == '\0')
			problem_add(&missing, u, "empty translation");
		else if (u->plural != NULL &&
		    (why = plural_problem(lang, u, m)) != NULL)
			problem_add(&plural, u, why);
	}
	for (i = 0; i < cat.n; i++)
		if (msgset_find(used, cat.v[i].ctxt, cat.v[i].id) == NULL)
			problem_add(&unused, &cat.v[i], "unused");

	snprintf(name, sizeof(name), "%s catalog has every message used", code);
	ok(missing.n == 0, name);
	problems_print(&missing);
	snprintf(name, sizeof(name), "%s catalog has every plural form", code);
	ok(plural.n == 0, name);
	problems_print(&plural);
	snprintf(name, sizeof(name),
	    "%s catalog: %zu unused messages (a warning only)", code, unused.n);
	ok(1, name);
	problems_print(&unused);
	free(missing.v);
	free(plural.v);
	free(unused.v);
	msgset_free(&cat);
}

/* Messages the sources use that the template lacks: a warning only. */
static void
check_template(const struct msgset *used, const struct msgset *pot)
{
	struct problems lacking = { 0 };
	char name[128];
	size_t i;

	for (i = 0; i < used->n; i++)
		if (msgset_find(pot, used->v[i].ctxt, used->v[i].id) == NULL)
			problem_add(&lacking, &used->v[i], "not in the template");
	snprintf(name, sizeof(name), "po/ecogosfond.pot: %zu messages used "
	    "but not listed (a warning only)", lacking.n);
	ok(1, name);
	problems_print(&lacking);
	free(lacking.v);
}

int
main(void)
{
	struct msgset used = { 0 }, pot = { 0 };
	struct eco_catalogs *cats, *potcats = NULL;
	const char *env = getenv("ECO_SHARE_DIR");
	char dir[4200], err[512];
	size_t templates = 0, sources = 0, i;
	int lang;

	if (env != NULL && *env != '\0')
		share = env;
	snprintf(dir, sizeof(dir), "%s/po", share);
	cats = eco_catalogs_load(dir, err, sizeof(err));
	if (!ok(cats != NULL, "the catalogs load")) {
		printf("# %s\n", err);
		return tap_done();
	}
	ok(load_template(&pot, &potcats) == 0, "po/ecogosfond.pot loads");

	scan_tree(&used, "templates", ".html", scan_template, &templates);
	scan_tree(&used, "lib", ".c", scan_c, &sources);
	scan_tree(&used, "handlers", ".c", scan_c, &sources);
	scan_tree(&used, "tools", ".c", scan_c, &sources);
	msgset_sort(&used);
	msgset_sort(&pot);
	printf("# %zu templates and %zu C files use %zu messages; "
	    "the template lists %zu\n", templates, sources, used.n, pot.n);
	ok(read_errors == 0, "every template and source file is readable");
	check_template(&used, &pot);

	/* From here on "used" means used anywhere, the template included. */
	for (i = 0; i < pot.n; i++)
		msgset_add(&used, pot.v[i].ctxt, pot.v[i].id, pot.v[i].plural,
		    pot.v[i].where);
	msgset_sort(&used);
	for (lang = 0; lang < ECO_LANG_COUNT; lang++)
		check_catalog(cats, (enum eco_lang)lang, &used);

	msgset_free(&used);
	msgset_free(&pot);
	eco_catalogs_free(potcats);
	eco_catalogs_free(cats);
	return tap_done();
}
