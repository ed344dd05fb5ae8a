/* The court cases' search (see search.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "buf.h"
#include "html.h"
#include "labels.h"
#include "regions.h"
#include "search.h"
#include "validate.h"
#include "words.h"

/* The query of the words: prefixes of the words as they are, or stemmed
 * (the index holds both, see sql/migrations/011_courts.sql). */
#define TSQ	"(to_tsquery('simple', $1::text) || to_tsquery('russian', $1::text))"

/* ts_headline marks matches with bytes no text of ours holds (the store
 * takes no control characters), so the HTML escaping comes after it. */
#define MARK_OPEN	'\001'
#define MARK_CLOSE	'\002'
#define HL_TITLE	"'StartSel=\001, StopSel=\002, HighlightAll=true'"
#define HL_SUMMARY	"'StartSel=\001, StopSel=\002, MaxFragments=2, " \
			"MaxWords=25, MinWords=8, FragmentDelimiter=\" … \"'"

/*
 * Each filter's condition; "$#" stands for its parameter's number.  A
 * statement is made of the fragments of the filters in use only, one
 * prepared statement per combination (as in the requests' tracker): each
 * is planned for what it filters.  The fragments are constants: input
 * decides which are used, never the text.
 */
static const char *const filter_sql[COURT_NFILTERS] = {
	[CF_WORDS] = "c.tsv @@ " TSQ,
	[CF_YEAR] = "EXISTS (SELECT 1 FROM courts.events e "
	    "WHERE e.case_id = c.id "
	    "AND e.instance IN ('first', 'appeal', 'cassation') "
	    "AND e.day_on >= make_date($#::int, 1, 1) "
	    "AND e.day_on < make_date($#::int + 1, 1, 1))",
	[CF_CATEGORY] = "c.category = $#::text",
	[CF_REGION] = "c.region = $#::text",
	[CF_LEVEL] = "EXISTS (SELECT 1 FROM courts.events e "
	    "WHERE e.case_id = c.id AND e.instance = $#::text)",
	[CF_OUTCOME] = "EXISTS (SELECT 1 FROM courts.claims x "
	    "WHERE x.case_id = c.id AND x.outcome = $#::text)",
	[CF_PARTY] = "EXISTS (SELECT 1 FROM courts.parties p "
	    "WHERE p.case_id = c.id AND p.kind = $#::text)",
	[CF_AARHUS] = "c.aarhus_applied = $#::boolean",
	[CF_INDEFINITE] = "c.indefinite_circle = $#::boolean",
};

#define ITEM_COLUMNS \
    "SELECT c.id, c.key, c.title_kk, c.title_ru, c.category, " \
    "coalesce(c.region, ''), c.status, coalesce(c.acted_on::text, '')"
#define NITEM	12	/* the columns above, then four headlines */

#define HEADLINES \
    ", ts_headline('simple', c.title_kk, " TSQ ", " HL_TITLE "), " \
    "ts_headline('simple', c.title_ru, " TSQ ", " HL_TITLE "), " \
    "ts_headline('simple', coalesce(c.summary_kk, ''), " TSQ ", " \
    HL_SUMMARY "), " \
    "ts_headline('simple', coalesce(c.summary_ru, ''), " TSQ ", " \
    HL_SUMMARY ")"
#define NO_HEADLINES	", NULL, NULL, NULL, NULL"

/* Appends fragment to buf at *len, each "$#" as "$<n>".  false if it
 * does not fit. */
static bool
put_fragment(char *buf, size_t size, size_t *len, const char *fragment,
    int n)
{
	const char *p;
	int w;

	for (p = fragment; *p != '\0'; p++) {
		if (p[0] == '$' && p[1] == '#') {
			w = snprintf(buf + *len, size - *len, "$%d", n);
			if (w < 0 || (size_t)w >= size - *len)
				return false;
			*len += (size_t)w;
			p++;
			continue;
		}
		if (*len + 1 >= size)
			return false;
		buf[(*len)++] = *p;
	}
	buf[*len] = '\0';
	return true;
}

size_t
court_search_sql(char *buf, size_t size, enum court_sql_kind kind,
    unsigned mask)
{
	bool words = (mask & (1u << CF_WORDS)) != 0;
	size_t len = 0;
	int i, n = 0;

	if (size == 0 || kind >= COURT_NKINDS || mask >= COURT_NMASKS)
		return 0;
	if (kind == COURT_SQL_BY_RANK && !words)
		return 0;
	buf[0] = '\0';
	if (!put_fragment(buf, size, &len, kind == COURT_SQL_COUNT ?
	    "SELECT count(*) FROM (SELECT 1 FROM courts.cases c WHERE true" :
	    words && kind != COURT_SQL_PLAIN ?
	    ITEM_COLUMNS HEADLINES " FROM courts.cases c WHERE true" :
	    ITEM_COLUMNS NO_HEADLINES " FROM courts.cases c WHERE true", 0))
		return 0;
	for (i = 0; i < COURT_NFILTERS; i++) {
		if ((mask & (1u << i)) == 0)
			continue;
		if (!put_fragment(buf, size, &len, " AND ", 0) ||
		    !put_fragment(buf, size, &len, filter_sql[i], ++n))
			return 0;
	}
	switch (kind) {
	case COURT_SQL_BY_DATE:
	case COURT_SQL_PLAIN:
		if (!put_fragment(buf, size, &len, " ORDER BY c.acted_on DESC "
		    "NULLS LAST, c.id DESC", 0))
			return 0;
		break;
	case COURT_SQL_BY_RANK:
		if (!put_fragment(buf, size, &len, " ORDER BY ts_rank(c.tsv, "
		    TSQ ") DESC, c.acted_on DESC NULLS LAST, c.id DESC", 0))
			return 0;
		break;
	case COURT_SQL_COUNT:
		len += (size_t)snprintf(buf + len, size - len, " LIMIT %d) s",
		    COURT_COUNT_CAP + 1);
		return len < size ? len : 0;
	default:
		return 0;
	}
	len += (size_t)snprintf(buf + len, size - len, " LIMIT $%d OFFSET $%d",
	    n + 1, n + 2);
	return len < size ? len : 0;
}

unsigned
court_search_mask(const struct court_query *q)
{
	unsigned m = 0;

	if (q->nwords > 0)
		m |= 1u << CF_WORDS;
	if (q->year > 0)
		m |= 1u << CF_YEAR;
	if (q->category != NULL)
		m |= 1u << CF_CATEGORY;
	if (q->region != NULL)
		m |= 1u << CF_REGION;
	if (q->level != NULL)
		m |= 1u << CF_LEVEL;
	if (q->outcome != NULL)
		m |= 1u << CF_OUTCOME;
	if (q->party_kind != NULL)
		m |= 1u << CF_PARTY;
	if (q->aarhus != COURT_FLAG_ANY)
		m |= 1u << CF_AARHUS;
	if (q->indefinite != COURT_FLAG_ANY)
		m |= 1u << CF_INDEFINITE;
	return m;
}

/* --- the query string ------------------------------------------------------ */

/* The value of name if label knows it as a code; *bad when it is given
 * but is no code. */
static const char *
one_of(struct eco_ctx *ctx, const char *name,
    const char *(*label)(const char *), bool *bad)
{
	const char *v = eco_query(ctx, name);

	if (v == NULL || v[0] == '\0')
		return NULL;
	if (label(v)[0] == '\0') {
		*bad = true;
		return NULL;
	}
	return v;
}

/* A flag filter: absent or empty is any. */
static int
flag(struct eco_ctx *ctx, const char *name, enum court_flag *out)
{
	const char *v = eco_query(ctx, name);

	*out = COURT_FLAG_ANY;
	if (v == NULL || v[0] == '\0')
		return 0;
	if (strcmp(v, "true") == 0)
		*out = COURT_FLAG_TRUE;
	else if (strcmp(v, "false") == 0)
		*out = COURT_FLAG_FALSE;
	else
		return -1;
	return 0;
}

const char *
court_search_parse(struct eco_ctx *ctx, struct court_query *s)
{
	const char *v;
	bool bad = false;
	long long n;

	memset(s, 0, sizeof(*s));
	s->page = 1;
	s->limit = COURT_PAGE_SIZE;
	/* Blank words are no filter. */
	if ((v = eco_query(ctx, "q")) != NULL && strspn(v, " \t") != strlen(v)) {
		if (!eco_text_ok(v, COURT_Q_MAX, false))
			return N_("The search words must be one line of up to 200 characters.");
		s->q = v;
		s->nwords = eco_search_words(ctx->arena, v, s->words,
		    COURT_MAX_WORDS);
	}
	if ((v = eco_query(ctx, "year")) != NULL && v[0] != '\0') {
		if ((n = eco_parse_id(v)) < 1991 || n > 2100)
			return N_("The year must be a number from 1991 to 2100.");
		s->year = (int)n;
	}
	s->category = one_of(ctx, "category", court_label_category, &bad);
	if (bad)
		return N_("Unknown category");
	s->level = one_of(ctx, "level", court_label_level, &bad);
	if (bad)
		return N_("Unknown court level");
	s->outcome = one_of(ctx, "outcome", court_label_outcome, &bad);
	if (bad)
		return N_("Unknown outcome");
	s->party_kind = one_of(ctx, "party_kind", court_label_party_kind, &bad);
	if (bad)
		return N_("Unknown kind of party");
	if ((v = eco_query(ctx, "region")) != NULL && v[0] != '\0') {
		if (eco_region_msgid(v) == NULL)
			return N_("Unknown region");
		s->region = v;
	}
	if (flag(ctx, "aarhus", &s->aarhus) != 0 ||
	    flag(ctx, "indefinite", &s->indefinite) != 0)
		return N_("aarhus and indefinite must be true or false");
	if ((v = eco_query(ctx, "sort")) != NULL && v[0] != '\0') {
		if (strcmp(v, "relevance") == 0)
			s->sort = COURT_SORT_RELEVANCE;
		else if (strcmp(v, "date") != 0)
			return N_("sort must be date or relevance");
	}
	if ((v = eco_query(ctx, "page")) != NULL && v[0] != '\0' &&
	    ((s->page = eco_parse_id(v)) < 1 || s->page > COURT_MAX_PAGE))
		return N_("The page must be a number from 1 to 10,000.");
	return NULL;
}

/* --- running it -------------------------------------------------------------- */

/*
 * The statement of a kind and mask, made on first use and kept for the
 * worker's life.  NULL if memory ran out.
 */
static struct eco_stmt *
statement(enum court_sql_kind kind, unsigned mask)
{
	static struct eco_stmt stmts[COURT_NKINDS][COURT_NMASKS];
	struct eco_stmt *st = &stmts[kind][mask];
	char buf[4096], *sql;
	size_t len;

	if (st->sql != NULL)
		return st;
	if ((len = court_search_sql(buf, sizeof(buf), kind, mask)) == 0 ||
	    (sql = malloc(len + 1)) == NULL)
		return NULL;
	memcpy(sql, buf, len + 1);
	st->sql = sql;
	return st;
}

/* The words as a text[] literal; they are letters and digits only. */
static const char *
words_array(struct eco_arena *arena, const struct court_query *q)
{
	struct eco_buf b;
	size_t i;

	eco_buf_init(&b, arena);
	eco_buf_putc(&b, '{');
	for (i = 0; i < q->nwords; i++)
		eco_buf_printf(&b, "%s\"%s\"", i > 0 ? "," : "", q->words[i]);
	eco_buf_putc(&b, '}');
	return b.data;
}

/* A query word a registry word begins with stays; any other becomes the
 * most similar registry word, if one is similar enough. */
static struct eco_stmt q_correct = ECO_STMT(
    "SELECT CASE WHEN EXISTS (SELECT 1 FROM courts.words x "
    "    WHERE x.word >= q.w AND x.word < q.w || chr(1114111)) THEN q.w "
    "  ELSE coalesce((SELECT x.word FROM courts.words x WHERE x.word % q.w "
    "    ORDER BY x.word <-> q.w, x.word LIMIT 1), q.w) END, "
    "  q.w "
    "FROM (SELECT lower(u.w) AS w, u.i "
    "      FROM unnest($1::text[]) WITH ORDINALITY AS u (w, i)) q "
    "ORDER BY q.i");

int
court_search_correct(struct eco_ctx *ctx, struct court_query *q,
    bool *changed)
{
	const char *p[1];
	PGresult *res;
	int i;

	*changed = false;
	if (q->nwords == 0)
		return 0;
	p[0] = words_array(ctx->arena, q);
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_correct, 1, p)) == NULL)
		return -1;
	for (i = 0; i < PQntuples(res) && (size_t)i < q->nwords; i++) {
		if (strcmp(PQgetvalue(res, i, 0), PQgetvalue(res, i, 1)) != 0)
			*changed = true;
		q->words[i] = eco_strdup(ctx->arena, PQgetvalue(res, i, 0));
	}
	return 0;
}

/* The parameters of q's filters in enum court_filter's order; their
 * number. */
static int
params(struct eco_ctx *ctx, const struct court_query *q, const char **p)
{
	int n = 0;

	if (q->nwords > 0)
		p[n++] = eco_prefix_tsquery(ctx->arena, q->words, q->nwords);
	if (q->year > 0)
		p[n++] = eco_sprintf(ctx->arena, "%d", q->year);
	if (q->category != NULL)
		p[n++] = q->category;
	if (q->region != NULL)
		p[n++] = q->region;
	if (q->level != NULL)
		p[n++] = q->level;
	if (q->outcome != NULL)
		p[n++] = q->outcome;
	if (q->party_kind != NULL)
		p[n++] = q->party_kind;
	if (q->aarhus != COURT_FLAG_ANY)
		p[n++] = q->aarhus == COURT_FLAG_TRUE ? "true" : "false";
	if (q->indefinite != COURT_FLAG_ANY)
		p[n++] = q->indefinite == COURT_FLAG_TRUE ? "true" : "false";
	return n;
}

const char *
court_headline_html(struct eco_arena *arena, const char *s)
{
	struct eco_buf b;
	const char *p, *run;

	eco_buf_init(&b, arena);
	for (p = run = s; ; p++) {
		if (*p != '\0' && *p != MARK_OPEN && *p != MARK_CLOSE)
			continue;
		eco_html_escape(&b, run, (size_t)(p - run));
		if (*p == '\0')
			break;
		eco_buf_puts(&b, *p == MARK_OPEN ? "<mark>" : "</mark>");
		run = p + 1;
	}
	return b.data != NULL ? b.data : "";
}

/* An item of the list from row i. */
static json_t *
item(struct eco_ctx *ctx, PGresult *res, int i)
{
	json_t *it = json_pack("{s:I,s:s,s:{s:s,s:s},s:s,s:s?,s:s,s:s?}",
	    "id", (json_int_t)atoll(PQgetvalue(res, i, 0)),
	    "key", PQgetvalue(res, i, 1),
	    "title", "kk", PQgetvalue(res, i, 2), "ru", PQgetvalue(res, i, 3),
	    "category", PQgetvalue(res, i, 4),
	    "region", PQgetvalue(res, i, 5)[0] != '\0' ?
	    PQgetvalue(res, i, 5) : NULL,
	    "status", PQgetvalue(res, i, 6),
	    "acted_on", PQgetvalue(res, i, 7)[0] != '\0' ?
	    PQgetvalue(res, i, 7) : NULL);

	if (!PQgetisnull(res, i, 8))
		json_object_set_new(it, "headline", json_pack(
		    "{s:{s:s,s:s},s:{s:s,s:s}}",
		    "title",
		    "kk", court_headline_html(ctx->arena, PQgetvalue(res, i, 8)),
		    "ru", court_headline_html(ctx->arena, PQgetvalue(res, i, 9)),
		    "summary",
		    "kk", court_headline_html(ctx->arena, PQgetvalue(res, i, 10)),
		    "ru", court_headline_html(ctx->arena,
		    PQgetvalue(res, i, 11))));
	return it;
}

json_t *
court_search_run(struct eco_ctx *ctx, const struct court_query *q,
    struct court_total *total)
{
	const char *p[COURT_NFILTERS + 2];
	unsigned mask = court_search_mask(q);
	struct eco_stmt *st;
	PGresult *res;
	json_t *items;
	int i, n = params(ctx, q, p);

	p[n] = eco_sprintf(ctx->arena, "%ld", q->limit);
	p[n + 1] = eco_sprintf(ctx->arena, "%ld", (q->page - 1) * q->limit);
	if ((st = statement(q->plain ? COURT_SQL_PLAIN :
	    q->sort == COURT_SORT_RELEVANCE && q->nwords > 0 ?
	    COURT_SQL_BY_RANK : COURT_SQL_BY_DATE, mask)) == NULL ||
	    (res = eco_db_exec(ctx->db, ctx->arena, st, n + 2, p)) == NULL)
		return NULL;
	items = json_array();
	for (i = 0; i < PQntuples(res); i++)
		json_array_append_new(items, item(ctx, res, i));
	/* A first page that is not full holds every match: no count. */
	if (q->page == 1 && PQntuples(res) < q->limit) {
		total->n = PQntuples(res);
		total->capped = false;
		return items;
	}
	if ((st = statement(COURT_SQL_COUNT, mask)) == NULL ||
	    (res = eco_db_exec(ctx->db, ctx->arena, st, n, p)) == NULL) {
		json_decref(items);
		return NULL;
	}
	total->n = atol(PQgetvalue(res, 0, 0));
	total->capped = total->n > COURT_COUNT_CAP;
	if (total->capped)
		total->n = COURT_COUNT_CAP;
	return items;
}
