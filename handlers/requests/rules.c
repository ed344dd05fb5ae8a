/* The requests' deadline rules, kept per worker (see rules.h). */
#include <limits.h>
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

static struct {
	struct rule	*rules;
	int		 n;
	time_t		 loaded_at;	/* monotonic; 0: never */
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
	cache.rules = fresh;
	cache.n = PQntuples(res);
	cache.loaded_at = ts.tv_sec;
	return 0;
}

json_t *
rules_json(struct eco_ctx *ctx, long day)
{
	json_t *rules;
	int i;

	if (load(ctx) != 0)
		return NULL;
	rules = json_object();
	for (i = 0; i < cache.n; i++) {
		const struct rule *r = &cache.rules[i];

		if (day < r->valid_from || day >= r->valid_to)
			continue;
		json_object_set_new(rules, r->code, json_pack("{s:s,s:s}",
		    "title", r->title[ctx->lang], "law", r->law[ctx->lang]));
	}
	return rules;
}
