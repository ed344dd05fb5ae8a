/*
 * The configuration of a handler or of ecoctl, from the environment:
 *
 *   ECO_DSN        libpq connection string (required)
 *   ECO_SHARE_DIR  where templates/, po/ and sql/ are (default: the
 *                  installed data directory)
 *   ECO_KEYS       the session keyring file (default: SYSCONFDIR/ecogosfond/session.keys)
 *   ECO_ENV        "dev" for the development run: cookies without Secure,
 *                  ECO_TODAY honoured; anything else is production
 *   ECO_TODAY      YYYY-MM-DD, the portal's "today" (dev run only)
 *   ECO_SESSION_HOURS  lifetime of a session, 1-720 (default 12)
 *   ECO_SITE_URL   the portal's address for links in e-mail
 *                  (default https://ecogosfond.kz)
 */
#ifndef ECO_CONFIG_H
#define ECO_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

struct eco_config {
	const char	*dsn;
	const char	*share_dir;
	const char	*keyring_path;
	bool		 dev;
	long		 today;		/* day number, or -1 for the real clock */
	long		 session_seconds;
	const char	*site_url;	/* no trailing slash */
};

int	eco_config_from_env(struct eco_config *, char *err, size_t errlen);
/* share_dir + "/" + sub, malloc'd: the caller frees it (NULL if out of memory). */
char	*eco_config_path(const struct eco_config *, const char *sub);

#endif
