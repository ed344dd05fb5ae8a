/* The requests' deadline rules, kept per worker (see rules.h). */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "date.h"
#include "rules.h"

#define RECHECK		60	/* seconds between looks at the table */

static struct eco_stmt q_rules = ECO_STMT(
    "SELECT code, valid_from::text, coalesce(valid_to::text, ''), "
    "       title_kk, title_ru, title_en, law_kk, law_ru, law_en "
    "FROM core.deadline_rules WHERE module = 'requests' ORDER BY code");

struct rule {
	char	*code;
	long	 valid_from;
	long	 valid_to;		/* the first day it no longer holds; LONG_MAX: open */
	char	*title[ECO_LANG_COUNT];
	char	*law[ECO_LANG_COUNT];
};

/*
 * The JSON of a set of rules in one language, made once: the rules in
 * force change only on the days a law does, so almost every request
 * shares one set.  A set is a bit per rule (the first 64 rules).
 */
#define SETS	4

struct rules_json {
	uint64_t	 set;
	json_t		*json[ECO_LANG_COUNT];
};

static struct {
	struct rule		*rules;
	int			 n;
	time_t			 loaded_at;	/* monotonic; 0: never */
	struct rules_json	 made[SETS];
	int			 nmade;
} cache;

static void
free_rules(struct rule *rules, int n)
{
	int i, l;

	for (i = 0; i < n; i++) {
		free(rules[i].code);
		for (l = 0; l < ECO_LANG_COUNT; l++) {
			free(rules[i].title[l]);
			free(rules[i].law[l]);
		}
	}
	free(rules);
}

/* The rows as rules; NULL on a bad row or no memory. */
static struct rule *
rules_from(PGresult *res)
{
	int i, l, n = PQntuples(res);
	struct rule *rules = calloc((size_t)n + 1, sizeof(*rules));
	const char *to;

	if (rules == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		struct rule *r = &rules[i];

		r->code = strdup(PQgetvalue(res, i, 0));
		to = PQgetvalue(res, i, 2);
		r->valid_to = LONG_MAX;
		if (eco_date_parse(PQgetvalue(res, i, 1), &r->valid_from) != 0 ||
		    (to[0] != '\0' && eco_date_parse(to, &r->valid_to) != 0))
			goto bad;
		for (l = 0; l < ECO_LANG_COUNT; l++) {
			r->title[l] = strdup(PQgetvalue(res, i, 3 + l));
			r->law[l] = strdup(PQgetvalue(res, i, 6 + l));
			if (r->title[l] == NULL || r->law[l] == NULL)
				goto bad;
		}
		if (r->code == NULL)
			goto bad;
	}
	return rules;
bad:
	free_rules(rules, n);
	return NULL;
}

static void
forget_made(void)
{
	int i, l;

	for (i = 0; i < cache.nmade; i++)
		for (l = 0; l < ECO_LANG_COUNT; l++)
			json_decref(cache.made[i].json[l]);
	memset(cache.made, 0, sizeof(cache.made));
	cache.nmade = 0;
}

/* The cached rules, read again when RECHECK has passed; an older copy
 * beats none when the database does not answer. */
static int
load(struct eco_ctx *ctx)
{
	struct timespec ts;
	struct rule *fresh;
	PGresult *res;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	if (cache.loaded_at != 0 && ts.tv_sec - cache.loaded_at < RECHECK)
		return 0;
	if ((res = eco_db_exec(ctx->db, ctx->arena, &q_rules, 0, NULL)) == NULL ||
	    (fresh = rules_from(res)) == NULL) {
		if (cache.rules == NULL)
			return -1;
		cache.loaded_at = ts.tv_sec;	/* asked again in RECHECK */
		return 0;
	}
	free_rules(cache.rules, cache.n);
	forget_made();
	cache.rules = fresh;
	cache.n = PQntuples(res);
	cache.loaded_at = ts.tv_sec;
	return 0;
}

/* The rules in force on day, as bits; ~0 when there are too many rules
 * to keep sets of. */
static uint64_t
set_of(long day)
{
	uint64_t set = 0;
	int i;

	if (cache.n > 64)
		return ~(uint64_t)0;
	for (i = 0; i < cache.n; i++)
		if (day >= cache.rules[i].valid_from &&
		    day < cache.rules[i].valid_to)
			set |= (uint64_t)1 << i;
	return set;
}

static json_t *
make(long day, enum eco_lang lang)
{
	json_t *rules = json_object();
	int i;

	for (i = 0; i < cache.n; i++) {
		const struct rule *r = &cache.rules[i];

		if (day < r->valid_from || day >= r->valid_to)
			continue;
		json_object_set_new(rules, r->code, json_pack("{s:s,s:s}",
		    "title", r->title[lang], "law", r->law[lang]));
	}
	return rules;
}

json_t *
rules_json(struct eco_ctx *ctx, long day)
{
	struct rules_json *m = NULL;
	uint64_t set;
	int i;

	if (load(ctx) != 0)
		return NULL;
	if ((set = set_of(day)) == ~(uint64_t)0)
		return make(day, ctx->lang);
	for (i = 0; i < cache.nmade && m == NULL; i++)
		if (cache.made[i].set == set)
			m = &cache.made[i];
	if (m == NULL) {
		if (cache.nmade == SETS)
			forget_made();
		m = &cache.made[cache.nmade++];
		m->set = set;
	}
	if (m->json[ctx->lang] == NULL)
		m->json[ctx->lang] = make(day, ctx->lang);
	/* Shared: the page reads it and must not change it. */
	return json_incref(m->json[ctx->lang]);
}
