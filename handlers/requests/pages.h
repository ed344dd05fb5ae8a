/* The pages and API endpoints of eco-requests; the table is in main.c. */
#ifndef ECO_REQUESTS_PAGES_H
#define ECO_REQUESTS_PAGES_H

struct eco_ctx;

int	api_holders(struct eco_ctx *);
int	api_requests_create(struct eco_ctx *);
int	api_requests_get(struct eco_ctx *);
int	api_requests_list(struct eco_ctx *);
int	api_events_create(struct eco_ctx *);

#endif
