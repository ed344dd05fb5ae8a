/* The configuration from the environment; see config.h for the variables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "date.h"

#ifndef ECO_DEFAULT_SHARE_DIR
#define ECO_DEFAULT_SHARE_DIR	"/usr/local/share/ecogosfond"
#endif
#ifndef ECO_DEFAULT_SYSCONF_DIR
#define ECO_DEFAULT_SYSCONF_DIR	"/usr/local/etc/ecogosfond"
#endif

static const char *
env_or(const char *name, const char *dflt)
{
	const char *v = getenv(name);

	return v != NULL && v[0] != '\0' ? v : dflt;
}

int
eco_config_from_env(struct eco_config *c, char *err, size_t errlen)
{
	const char *today, *hours;
	char *end;
	long h;

	memset(c, 0, sizeof(*c));
	/* Legal dates are Asia/Almaty dates, whatever the machine's zone. */
	setenv("TZ", "Asia/Almaty", 1);
	tzset();

	c->dsn = env_or("ECO_DSN", NULL);
	if (c->dsn == NULL) {
		snprintf(err, errlen, "ECO_DSN is not set (a libpq connection string)");
		return -1;
	}
	c->share_dir = env_or("ECO_SHARE_DIR", ECO_DEFAULT_SHARE_DIR);
	c->keyring_path = env_or("ECO_KEYS",
	    ECO_DEFAULT_SYSCONF_DIR "/session.keys");
	c->dev = strcmp(env_or("ECO_ENV", "production"), "dev") == 0;

	c->today = -1;
	today = env_or("ECO_TODAY", NULL);
	if (c->dev && today != NULL && eco_date_parse(today, &c->today) != 0) {
		snprintf(err, errlen, "ECO_TODAY must be YYYY-MM-DD");
		return -1;
	}
	eco_today_override(c->today);

	c->site_url = env_or("ECO_SITE_URL", "https://ecogosfond.kz");
	if ((strncmp(c->site_url, "http://", 7) != 0 &&
	    strncmp(c->site_url, "https://", 8) != 0) ||
	    c->site_url[strlen(c->site_url) - 1] == '/' ||
	    strpbrk(c->site_url, " \t\r\n\"<>") != NULL) {
		snprintf(err, errlen, "ECO_SITE_URL must be http(s)://host[:port] "
		    "without a trailing slash");
		return -1;
	}

	c->session_seconds = 12 * 3600;
	hours = env_or("ECO_SESSION_HOURS", NULL);
	if (hours != NULL) {
		h = strtol(hours, &end, 10);
		if (*end != '\0' || h < 1 || h > 720) {
			snprintf(err, errlen, "ECO_SESSION_HOURS must be 1 to 720");
			return -1;
		}
		c->session_seconds = h * 3600;
	}
	return 0;
}

char *
eco_config_path(const struct eco_config *c, const char *sub)
{
	size_t n = strlen(c->share_dir) + strlen(sub) + 2;
	char *p = malloc(n);

	if (p != NULL)
		snprintf(p, n, "%s/%s", c->share_dir, sub);
	return p;
}
