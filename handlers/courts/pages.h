/* The pages and API endpoints of eco-courts; the table is in main.c. */
#ifndef ECO_COURTS_PAGES_H
#define ECO_COURTS_PAGES_H

struct eco_ctx;

int	api_court_cases_list(struct eco_ctx *);
int	api_court_cases_get(struct eco_ctx *);
int	api_court_cases_create(struct eco_ctx *);
int	api_court_cases_update(struct eco_ctx *);
int	api_court_statistics(struct eco_ctx *);
int	page_court_search(struct eco_ctx *);

#endif
