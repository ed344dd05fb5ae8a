/* The pages and API endpoints of eco-courts; the table is in main.c. */
#ifndef ECO_COURTS_PAGES_H
#define ECO_COURTS_PAGES_H

#include <stdbool.h>

#include <jansson.h>

struct eco_ctx;

int	api_court_cases_list(struct eco_ctx *);
int	api_court_cases_get(struct eco_ctx *);
int	api_court_cases_create(struct eco_ctx *);
int	api_court_cases_update(struct eco_ctx *);
int	api_court_statistics(struct eco_ctx *);
int	page_court_search(struct eco_ctx *);
int	page_court_statistics(struct eco_ctx *);
int	page_court_feed(struct eco_ctx *);
int	page_court_export_csv(struct eco_ctx *);
int	page_court_export_json(struct eco_ctx *);

/*
 * The statistics as GET /api/v1/court-statistics gives them: the courts'
 * official figures and the registry's counts by year (api_statistics.c).
 * 0, or -1 if the database failed.
 */
int	court_statistics(struct eco_ctx *, json_t **official,
	    json_t **registry);
int	page_court_case(struct eco_ctx *);
int	page_court_act(struct eco_ctx *);
int	page_court_new(struct eco_ctx *);
int	page_court_new_save(struct eco_ctx *);
int	page_court_edit(struct eco_ctx *);
int	page_court_edit_save(struct eco_ctx *);
/* True when the visitor's session is a clerk's or an administrator's: the
 * public pages then link to the clerks' forms (page_case_edit.c). */
bool	court_can_edit(const struct eco_ctx *);

/* The language of a case's texts on a page: "kk" on Kazakh pages, else
 * "ru" (the cases are told in Kazakh and Russian). */
const char *court_text_lang(const struct eco_ctx *);

#endif
