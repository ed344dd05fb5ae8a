/* The court cases' search over the API (the page is page_search.c). */
#include "app.h"
#include "pages.h"
#include "search.h"

/*
 * GET /api/v1/court-cases?q=&year=&category=&region=&level=&outcome=
 * &party_kind=&aarhus=&indefinite=&sort=&page=: a page of matching cases
 * {"items":[{"id","key","title":{"kk","ru"},"category","region","status",
 * "acted_on","headline"?}],"total","total_capped","page","per_page",
 * "corrected"?}.  A misspelt word is replaced by the registry's nearest
 * and "corrected" lists the words searched.  200; 400 a filter that
 * cannot be; 503.
 */
int
api_court_cases_list(struct eco_ctx *ctx)
{
	struct court_query q;
	struct court_total total;
	const char *why;
	bool changed;
	json_t *items, *out, *words;
	size_t i;

	if ((why = court_search_parse(ctx, &q)) != NULL)
		return eco_error(ctx, 400, "bad_request", why);
	if (court_search_correct(ctx, &q, &changed) != 0 ||
	    (items = court_search_run(ctx, &q, &total)) == NULL)
		return eco_error(ctx, 503, NULL, NULL);
	out = json_pack("{s:o,s:I,s:b,s:I,s:I}", "items", items,
	    "total", (json_int_t)total.n, "total_capped", total.capped,
	    "page", (json_int_t)q.page, "per_page", (json_int_t)q.limit);
	if (changed) {
		words = json_array();
		for (i = 0; i < q.nwords; i++)
			json_array_append_new(words, json_string(q.words[i]));
		json_object_set_new(out, "corrected", words);
	}
	return eco_json(ctx, 200, out);
}
