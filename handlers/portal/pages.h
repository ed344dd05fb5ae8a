/* The pages of eco-portal; the table is in main.c. */
#ifndef ECO_PORTAL_PAGES_H
#define ECO_PORTAL_PAGES_H

struct eco_ctx;

int	page_root(struct eco_ctx *);
int	page_home(struct eco_ctx *);
int	page_calendar(struct eco_ctx *);
int	page_deadline(struct eco_ctx *);
int	api_deadline(struct eco_ctx *);
int	api_calendar(struct eco_ctx *);
int	page_admin_calendar(struct eco_ctx *);
int	page_admin_calendar_save(struct eco_ctx *);

#endif
