/* The pages and API endpoints of eco-account; the table is in main.c. */
#ifndef ECO_ACCOUNT_PAGES_H
#define ECO_ACCOUNT_PAGES_H

struct eco_ctx;

int	api_accounts_create(struct eco_ctx *);
int	api_session_create(struct eco_ctx *);
int	api_session_delete(struct eco_ctx *);
int	api_me(struct eco_ctx *);
int	api_accounts_list(struct eco_ctx *);
int	api_account_disable(struct eco_ctx *);

int	page_login_form(struct eco_ctx *);
int	page_login_submit(struct eco_ctx *);
int	page_logout(struct eco_ctx *);
int	page_register_form(struct eco_ctx *);
int	page_register_submit(struct eco_ctx *);
int	page_profile(struct eco_ctx *);
int	page_password_form(struct eco_ctx *);
int	page_password_submit(struct eco_ctx *);

#endif
