/*
 * eco-mailer: delivers core.outbox.
 *
 * Every ECO_MAILER_INTERVAL seconds a cycle queues the day's deadline
 * reminders (handlers/requests/reminders.c), then delivers every due
 * outbox row in batches: as an .eml file in ECO_MAIL_DIR (the dev run),
 * or over SMTP to ECO_SMTP_HOST (production: the local MTA).  The queue
 * is the database, so a mailer that is down loses nothing; it sends when
 * it is back.
 *
 *   ECO_DSN, ECO_SHARE_DIR, ECO_ENV, ECO_TODAY   as for every program
 *                      (lib/config.h); po/ is read for the reminders
 *   ECO_MAIL_DIR       write <dir>/<outbox id>.eml instead of SMTP
 *   ECO_SMTP_HOST      the relay, plain SMTP without TLS: localhost
 *   ECO_SMTP_PORT      default 25
 *   ECO_SMTP_TIMEOUT   seconds for each connect, read and write (default 30)
 *   ECO_MAIL_FROM      default noreply@ecogosfond.kz
 *   ECO_MAILER_INTERVAL  seconds between cycles, 1-3600 (default 10)
 *
 * eco-mailer [--once]: --once runs one cycle and exits (1 if the database
 * failed).  SIGTERM or SIGINT: the message in hand is finished and its
 * batch committed, then the mailer exits 0.
 *
 * The log (standard error) has one line per cycle that did something, with
 * counts and outbox ids only: an address, a subject or a body is personal
 * data and never appears in it.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "date.h"
#include "db.h"
#include "i18n.h"
#include "log.h"
#include "../handlers/requests/reminders.h"
#include "message.h"
#include "outbox.h"
#include "smtp.h"

#define BATCH_SIZE	20
/* Batches in one cycle at most (20,000 messages); the rest waits for the
 * next cycle, so a flood cannot keep the reminders from running. */
#define MAX_BATCHES	1000
#define DEFAULT_FROM	"noreply@ecogosfond.kz"

struct mailer {
	const char	*mail_dir;	/* NULL: SMTP */
	struct smtp_config smtp;
	char		 port[8];
	char		 helo[256];
	const char	*from;
	const char	*domain;	/* of from, for Message-IDs */
	long		 interval;
	bool		 once;
	const char	*site_url;	/* for links in reminders */
};

static sigset_t stop_signals;
static bool stopping;

/*
 * SIGTERM and SIGINT stay blocked all the time: they are looked at between
 * two messages (sigpending) and while sleeping (sigtimedwait), so no
 * system call of libpq or of the SMTP client is ever interrupted and the
 * message in hand is always finished.
 */
static bool
stop_requested(void)
{
	sigset_t pending;

	if (!stopping && sigpending(&pending) == 0 &&
	    (sigismember(&pending, SIGTERM) == 1 ||
	    sigismember(&pending, SIGINT) == 1))
		stopping = true;
	return stopping;
}

/* Sleeps seconds, or less when a stop signal comes. */
static void
sleep_or_stop(long seconds)
{
	struct timespec ts = { .tv_sec = seconds, .tv_nsec = 0 };
	int sig;

	sig = sigtimedwait(&stop_signals, NULL, &ts);
	if (sig == SIGTERM || sig == SIGINT)
		stopping = true;
}

static const char *
env_or(const char *name, const char *dflt)
{
	const char *v = getenv(name);

	return v != NULL && v[0] != '\0' ? v : dflt;
}

/* A whole number from the environment within [min, max]; 0 or -1. */
static int
env_number(const char *name, long dflt, long min, long max, long *out)
{
	const char *v = env_or(name, NULL);
	char *end;

	*out = dflt;
	if (v == NULL)
		return 0;
	errno = 0;
	*out = strtol(v, &end, 10);
	return errno == 0 && *end == '\0' && *out >= min && *out <= max ? 0 : -1;
}

static int
mailer_from_env(struct mailer *m, char *err, size_t errlen)
{
	long port, timeout;
	struct stat sb;

	m->mail_dir = env_or("ECO_MAIL_DIR", NULL);
	m->smtp.host = env_or("ECO_SMTP_HOST", NULL);
	if (m->mail_dir == NULL && m->smtp.host == NULL) {
		snprintf(err, errlen, "set ECO_MAIL_DIR (the dev run: .eml files) "
		    "or ECO_SMTP_HOST (production: the local MTA)");
		return -1;
	}
	if (env_number("ECO_SMTP_PORT", 25, 1, 65535, &port) != 0) {
		snprintf(err, errlen, "ECO_SMTP_PORT must be 1 to 65535");
		return -1;
	}
	snprintf(m->port, sizeof(m->port), "%ld", port);
	m->smtp.port = m->port;
	if (env_number("ECO_SMTP_TIMEOUT", 30, 1, 600, &timeout) != 0) {
		snprintf(err, errlen, "ECO_SMTP_TIMEOUT must be 1 to 600 seconds");
		return -1;
	}
	m->smtp.timeout_ms = (int)timeout * 1000;
	if (env_number("ECO_MAILER_INTERVAL", 10, 1, 3600, &m->interval) != 0) {
		snprintf(err, errlen, "ECO_MAILER_INTERVAL must be 1 to 3600 seconds");
		return -1;
	}
	m->from = env_or("ECO_MAIL_FROM", DEFAULT_FROM);
	if (!mail_address_valid(m->from)) {
		snprintf(err, errlen, "ECO_MAIL_FROM must be a plain address "
		    "like " DEFAULT_FROM);
		return -1;
	}
	m->domain = strchr(m->from, '@') + 1;
	/* The name we give in EHLO; smtp.c falls back to "localhost" when
	 * it is not a plain host name. */
	if (gethostname(m->helo, sizeof(m->helo)) != 0)
		snprintf(m->helo, sizeof(m->helo), "localhost");
	m->helo[sizeof(m->helo) - 1] = '\0';
	m->smtp.helo = m->helo;
	if (m->mail_dir != NULL) {
		if (mkdir(m->mail_dir, 0750) != 0 && errno != EEXIST) {
			snprintf(err, errlen, "ECO_MAIL_DIR %s: %s", m->mail_dir,
			    strerror(errno));
			return -1;
		}
		if (stat(m->mail_dir, &sb) != 0 || !S_ISDIR(sb.st_mode) ||
		    access(m->mail_dir, W_OK) != 0) {
			snprintf(err, errlen, "ECO_MAIL_DIR %s is not a writable "
			    "directory", m->mail_dir);
			return -1;
		}
	}
	return 0;
}

static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Writes dir/<id>.eml through a hidden temporary name and rename(2), so a
 * reader never sees half a message.  The same row written again (after a
 * crash before the commit) replaces its file.  0, or -1 with errno.
 */
static int
write_eml(struct eco_arena *a, const char *dir, const char *id,
    const struct eco_buf *msg)
{
	char *tmp, *path;
	size_t i;
	int fd, saved;

	/* The name comes from the database: digits only, nothing else. */
	for (i = 0; id[i] != '\0'; i++)
		if (id[i] < '0' || id[i] > '9' || i >= 20) {
			errno = EINVAL;
			return -1;
		}
	tmp = eco_sprintf(a, "%s/.%s.eml.tmp", dir, id);
	path = eco_sprintf(a, "%s/%s.eml", dir, id);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	if (fd < 0)
		return -1;
	if (write_all(fd, msg->data, msg->len) != 0 || fsync(fd) != 0) {
		saved = errno;
		close(fd);
		unlink(tmp);
		errno = saved;
		return -1;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		saved = errno;
		unlink(tmp);
		errno = saved;
		return -1;
	}
	return 0;
}

/* The zone offset of t in the configured zone (Asia/Almaty). */
static long
utc_offset(long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	return localtime_r(&tt, &tm) != NULL ? tm.tm_gmtoff : 0;
}

/* outbox_deliver_fn: builds the message and hands it on. */
static void
deliver(void *ud, struct eco_arena *a, const struct outbox_row *row,
    struct outbox_delivery *d)
{
	const struct mailer *m = ud;
	struct mail_message msg;
	struct smtp_result res;
	struct eco_buf out, scratch;
	const char *why;

	msg.from = m->from;
	msg.to = row->to;
	msg.subject = row->subject;
	msg.body = row->body;
	msg.date = row->created;
	msg.utc_offset = utc_offset(row->created);
	/* The same for every try of a row, so a duplicate is recognisable. */
	msg.message_id = eco_sprintf(a, "outbox.%s.%lld@%s", row->id,
	    row->created, m->domain);
	eco_buf_init(&out, a);
	if (mail_build(&msg, &out, &why) != 0) {
		d->outcome = OUTBOX_FAILED;
		d->error = eco_sprintf(a, "refused: invalid %s", why);
		d->reason = eco_sprintf(a, "invalid-%s", why);
		return;
	}
	if (m->mail_dir != NULL) {
		if (write_eml(a, m->mail_dir, row->id, &out) == 0) {
			d->outcome = OUTBOX_SENT;
			return;
		}
		d->outcome = OUTBOX_RETRY;
		d->error = eco_sprintf(a, "write: %s", strerror(errno));
		d->reason = "write";
		return;
	}
	eco_buf_init(&scratch, a);
	smtp_send(&m->smtp, m->from, row->to, out.data, out.len, &scratch, &res);
	d->outcome = res.status == SMTP_SENT ? OUTBOX_SENT :
	    res.status == SMTP_REJECTED ? OUTBOX_FAILED : OUTBOX_RETRY;
	d->error = eco_strdup(a, res.error);
	/* A reply's text may quote the address: the log gets the code, or
	 * our own words when there was no reply (they never hold data). */
	d->reason = res.code != 0 ? eco_sprintf(a, "smtp-%d", res.code) :
	    eco_sprintf(a, "smtp(%s)", res.error);
}

/*
 * One cycle: reminders, then every due row.  0, or -1 when the database
 * failed (the next cycle tries again).
 */
static int
cycle(const struct mailer *m, struct eco_db *db, struct eco_arena *a,
    const struct eco_catalogs *catalogs)
{
	struct outbox_stats st;
	int queued, n = 0, b, rc = 0;

	memset(&st, 0, sizeof(st));
	eco_arena_reset(a);
	queued = reminders_queue(db, a, catalogs, m->site_url, eco_today());
	eco_arena_reset(a);
	if (queued < 0) {
		rc = -1;
		if (eco_db_unavailable(db))
			return -1;
	}
	for (b = 0; b < MAX_BATCHES && !stop_requested(); b++) {
		n = outbox_batch(db, a, BATCH_SIZE, deliver, (void *)m,
		    stop_requested, &st);
		eco_arena_reset(a);
		if (n < BATCH_SIZE)
			break;
	}
	if (n < 0)
		rc = -1;
	if (queued > 0 || st.sent + st.deferred + st.failed + st.unrecorded > 0)
		eco_log("cycle: %d reminders queued, %d sent, %d deferred, "
		    "%d failed%s%s%s", queued > 0 ? queued : 0, st.sent,
		    st.deferred, st.failed, st.notes[0] != '\0' ? "; outbox" : "",
		    st.notes, st.unrecorded > 0 ? "; the database failed before "
		    "a commit: that batch will be delivered again" : "");
	return rc;
}

int
main(int argc, char **argv)
{
	struct eco_config config;
	struct eco_catalogs *catalogs;
	struct eco_arena *arena;
	struct eco_db *db;
	struct mailer m;
	char err[1024], *dir;
	bool db_down = false;
	int rc = 0;

	memset(&m, 0, sizeof(m));
	if (argc == 2 && strcmp(argv[1], "--once") == 0)
		m.once = true;
	else if (argc != 1) {
		fprintf(stderr, "usage: eco-mailer [--once]\n");
		return 2;
	}
	eco_log_open("eco-mailer", NULL);
	if (eco_config_from_env(&config, err, sizeof(err)) != 0 ||
	    mailer_from_env(&m, err, sizeof(err)) != 0) {
		fprintf(stderr, "eco-mailer: %s\n", err);
		return 1;
	}
	m.site_url = config.site_url;
	if ((dir = eco_config_path(&config, "po")) == NULL) {
		fprintf(stderr, "eco-mailer: out of memory\n");
		return 1;
	}
	catalogs = eco_catalogs_load(dir, err, sizeof(err));
	free(dir);
	if (catalogs == NULL) {
		fprintf(stderr, "eco-mailer: %s\n", err);
		return 1;
	}
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGTERM);
	sigaddset(&stop_signals, SIGINT);
	sigprocmask(SIG_BLOCK, &stop_signals, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);

	if ((db = eco_db_open(config.dsn)) == NULL) {
		fprintf(stderr, "eco-mailer: out of memory\n");
		return 1;
	}
	arena = eco_arena_new();
	if (m.mail_dir != NULL)
		eco_log("started: writing .eml files to %s, every %ld s",
		    m.mail_dir, m.interval);
	else
		eco_log("started: SMTP to %s port %s, every %ld s", m.smtp.host,
		    m.smtp.port, m.interval);
	for (;;) {
		rc = cycle(&m, db, arena, catalogs);
		if (rc != 0 && m.once)
			eco_log("database failed");
		else if (rc != 0 && !db_down)
			eco_log("database failed; trying again every %ld s",
			    m.interval);
		else if (rc == 0 && db_down)
			eco_log("database available again");
		db_down = rc != 0;
		if (m.once || stop_requested())
			break;
		sleep_or_stop(m.interval);
		if (stopping)
			break;
	}
	eco_arena_free(arena);
	eco_db_close(db);
	eco_catalogs_free(catalogs);
	eco_log("stopped");
	return m.once && rc != 0 ? 1 : 0;
}
