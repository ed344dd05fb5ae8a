/*
 * ecoctl — the administrator's command line.
 *
 *   ecoctl migrate                       apply sql/migrations, then sql/reference
 *   ecoctl demo load                     load sql/demo, the demo accounts and
 *                                        the demo requests (once), and the
 *                                        court cases of the seed report
 *   ecoctl requests generate N [--seed S]
 *                                        N made-up requests for the benchmark
 *   ecoctl courts generate N             N made-up court cases (benchmark)
 *   ecoctl courts import FILE.json       court cases (court_cases.json's
 *                                        shape), added or updated by key
 *   ecoctl user add --email E --password P --name N --role ROLE
 *                   [--iin IIN] [--bin BIN --org ORG] [--lang kk|ru|en]
 *                   [--holder ID|CODE] [--position registrar|executor|head]
 *   ecoctl user passwd --email E --password P
 *   ecoctl key rotate [--keep N]
 *   ecoctl calendar generate --from-year Y --to-year Y
 *                                        the statutory holidays and transfers
 *   ecoctl calendar set DATE off|work --name N   a Government transfer, Kurban Ait
 *   ecoctl calendar clear DATE
 *   ecoctl deadline --from YYYY-MM-DD (--days N --unit calendar|working |
 *                   --months N) [--calendar FILE]
 *   ecoctl workdays FROM TO [--calendar FILE]
 *
 * ECO_DSN names the database (as the owner role), ECO_SHARE_DIR where sql/
 * is, ECO_KEYS the keyring file; ECO_TODAY (YYYY-MM-DD) the last day of
 * the made-up requests, today in Asia/Almaty if unset.  "--password -"
 * reads the password from standard input so that it does not show in the
 * process list.  --holder takes a holder's id or its code in the
 * reference data (sql/reference/002_holders.sql).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>
#include <sodium.h>

#include "calendar.h"
#include "arena.h"
#include "calendar_db.h"
#include "courts_gen.h"
#include "courts_import.h"
#include "db.h"
#include "date.h"
#include "demo_accounts.h"
#include "password.h"
#include "requests_copy.h"
#include "roles.h"
#include "token.h"
#include "validate.h"

#define MAX_FILES	256

static const char *share_dir;

static void die(const char *, ...)
    __attribute__((format(printf, 1, 2), noreturn));

static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "ecoctl: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static PGconn *
connect_db(void)
{
	const char *dsn = getenv("ECO_DSN");
	PGconn *conn;

	if (dsn == NULL || *dsn == '\0')
		die("ECO_DSN is not set");
	conn = PQconnectdb(dsn);
	if (PQstatus(conn) != CONNECTION_OK)
		die("cannot connect: %s", PQerrorMessage(conn));
	return conn;
}

/* Runs sql (a trusted script); dies with the server's message on error. */
static void
run(PGconn *conn, const char *sql, const char *what)
{
	PGresult *res = PQexec(conn, sql);

	if (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK) {
		fprintf(stderr, "ecoctl: %s: %s", what, PQresultErrorMessage(res));
		PQclear(res);
		PQfinish(conn);
		exit(1);
	}
	PQclear(res);
}

static char *
read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text;
	long n;

	if (f == NULL)
		die("cannot open %s", path);
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || n > 64L << 20 ||
	    fseek(f, 0, SEEK_SET) != 0)
		die("cannot read %s", path);
	if ((text = malloc((size_t)n + 1)) == NULL)
		die("out of memory");
	if (fread(text, 1, (size_t)n, f) != (size_t)n)
		die("cannot read %s", path);
	text[n] = '\0';
	fclose(f);
	return text;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.sql files of share_dir/sql/sub in name order; NULL-terminated. */
static char **
sql_files(const char *sub)
{
	static char *names[MAX_FILES + 1];
	char dir[4096];
	struct dirent *e;
	DIR *d;
	size_t n = 0, len;

	snprintf(dir, sizeof(dir), "%s/sql/%s", share_dir, sub);
	if ((d = opendir(dir)) == NULL) {
		names[0] = NULL;
		return names;
	}
	while ((e = readdir(d)) != NULL && n < MAX_FILES) {
		len = strlen(e->d_name);
		if (len > 4 && strcmp(e->d_name + len - 4, ".sql") == 0 &&
		    e->d_name[0] != '.') {
			size_t size = strlen(dir) + len + 2;

			names[n] = malloc(size);
			snprintf(names[n++], size, "%s/%s", dir, e->d_name);
		}
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), compare_names);
	names[n] = NULL;
	return names;
}

static void
free_files(char **files)
{
	for (; *files != NULL; files++)
		free(*files);
}

/* Runs every script of sql/sub in name order, each in its own transaction. */
static void
run_scripts(PGconn *conn, const char *sub)
{
	char **files = sql_files(sub), **f;

	for (f = files; *f != NULL; f++) {
		char *sql = read_file(*f);

		run(conn, "BEGIN", "begin");
		run(conn, sql, *f);
		run(conn, "COMMIT", "commit");
		free(sql);
	}
	free_files(files);
}

/* The version number a migration's file name starts with ("001_core.sql"). */
static long
migration_version(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *end;
	long v = strtol(base, &end, 10);

	if (end == base || *end != '_' || v <= 0)
		die("migration %s must be named NNN_name.sql", path);
	return v;
}

static bool
applied(PGconn *conn, long version)
{
	char v[32];
	const char *params[1] = { v };
	PGresult *res;
	bool found;

	snprintf(v, sizeof(v), "%ld", version);
	res = PQexecParams(conn, "SELECT 1 FROM core.schema_migrations "
	    "WHERE version = $1", 1, NULL, params, NULL, NULL, 0);
	found = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
	PQclear(res);
	return found;
}

static void
record(PGconn *conn, long version, const char *path)
{
	char v[32];
	const char *base = strrchr(path, '/') + 1;
	const char *params[2] = { v, base };
	PGresult *res;

	snprintf(v, sizeof(v), "%ld", version);
	res = PQexecParams(conn, "INSERT INTO core.schema_migrations "
	    "(version, name) VALUES ($1, $2)", 2, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		die("cannot record migration: %s", PQresultErrorMessage(res));
	PQclear(res);
}

/* Each migration runs in its own transaction with its record. */
static int
cmd_migrate(void)
{
	PGconn *conn = connect_db();
	char **files, **f;
	int count = 0;

	run(conn, "SET client_min_messages = warning", "settings");
	/* One migrator at a time, whatever else runs. */
	run(conn, "SELECT pg_advisory_lock(4711)", "lock");
	run(conn, "CREATE SCHEMA IF NOT EXISTS core;"
	    "CREATE TABLE IF NOT EXISTS core.schema_migrations ("
	    " version integer PRIMARY KEY,"
	    " name text NOT NULL,"
	    " applied_at timestamptz NOT NULL DEFAULT now())",
	    "migrations table");
	files = sql_files("migrations");
	for (f = files; *f != NULL; f++) {
		long version = migration_version(*f);
		char *sql;

		/* Two people may pick the same number: never skip one silently. */
		if (f != files && version == migration_version(f[-1]))
			die("%s and %s have the same number; renumber one", f[-1], *f);
		if (applied(conn, version))
			continue;
		sql = read_file(*f);
		run(conn, "BEGIN", "begin");
		run(conn, sql, *f);
		record(conn, version, *f);
		run(conn, "COMMIT", "commit");
		free(sql);
		printf("applied %s\n", strrchr(*f, '/') + 1);
		count++;
	}
	free_files(files);
	/* Reference data: idempotent scripts, applied every time. */
	run_scripts(conn, "reference");
	run(conn, "SELECT pg_advisory_unlock(4711)", "unlock");
	printf("database is up to date (%d migration%s applied)\n", count,
	    count == 1 ? "" : "s");
	PQfinish(conn);
	return 0;
}

/* --- users ------------------------------------------------------------------ */

struct user_opts {
	const char	*email, *password, *name, *role, *iin, *bin, *org;
	const char	*lang, *holder, *position;
	long		 keep;
};

static const char *
read_password_stdin(void)
{
	static char line[ECO_PASSWORD_MAX_BYTES + 2];
	size_t n;

	if (fgets(line, sizeof(line), stdin) == NULL)
		die("no password on standard input");
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	return line;
}

static void
parse_opts(int argc, char **argv, struct user_opts *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->lang = "kk";
	o->keep = 2;
	for (i = 0; i < argc; i += 2) {
		const char *k = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (v == NULL)
			die("%s needs a value", k);
		if (strcmp(k, "--email") == 0) o->email = v;
		else if (strcmp(k, "--password") == 0) o->password = v;
		else if (strcmp(k, "--name") == 0) o->name = v;
		else if (strcmp(k, "--role") == 0) o->role = v;
		else if (strcmp(k, "--iin") == 0) o->iin = v;
		else if (strcmp(k, "--bin") == 0) o->bin = v;
		else if (strcmp(k, "--org") == 0) o->org = v;
		else if (strcmp(k, "--lang") == 0) o->lang = v;
		else if (strcmp(k, "--holder") == 0) o->holder = v;
		else if (strcmp(k, "--position") == 0) o->position = v;
		else if (strcmp(k, "--keep") == 0) o->keep = strtol(v, NULL, 10);
		else die("unknown option %s", k);
	}
	if (o->password != NULL && strcmp(o->password, "-") == 0)
		o->password = read_password_stdin();
}

static const char *
checked_email(const char *email, char *buf, size_t len)
{
	if (email == NULL || !eco_email_valid(email))
		die("--email must be a valid e-mail address");
	eco_email_normalize(email, buf, len);
	return buf;
}

static const char *
hashed_password(const char *password, char *hash)
{
	if (password == NULL || !eco_password_acceptable(password))
		die("--password must have at least %d characters", ECO_PASSWORD_MIN_CHARS);
	if (eco_password_hash(password, hash) != 0)
		die("cannot hash the password");
	return hash;
}

/*
 * Adds an account with the password hash given; returns 0, or 1 if the
 * e-mail is taken and quiet is set (then it says nothing).
 */
static int
insert_user(PGconn *conn, const struct user_opts *o, const char *hash,
    bool quiet)
{
	char email[256];
	const char *params[10];
	PGresult *res;
	int role;

	checked_email(o->email, email, sizeof(email));
	if (o->name == NULL || *o->name == '\0')
		die("--name is required");
	if (o->role == NULL || (role = eco_role_parse(o->role)) == 0)
		die("--role must be individual, organisation, official, clerk "
		    "or admin");
	if (role == ECO_ROLE_INDIVIDUAL && (o->iin == NULL || !eco_iin_valid(o->iin)))
		die("an individual needs a valid --iin");
	if (role == ECO_ROLE_ORGANISATION &&
	    (o->bin == NULL || !eco_bin_valid(o->bin) || o->org == NULL))
		die("an organisation needs a valid --bin and --org");
	if (role == ECO_ROLE_OFFICIAL && (o->holder == NULL || o->position == NULL))
		die("an official needs --holder and --position");
	if (o->position != NULL && strcmp(o->position, "registrar") != 0 &&
	    strcmp(o->position, "executor") != 0 && strcmp(o->position, "head") != 0)
		die("--position must be registrar, executor or head");
	if (strcmp(o->lang, "kk") != 0 && strcmp(o->lang, "ru") != 0 &&
	    strcmp(o->lang, "en") != 0)
		die("--lang must be kk, ru or en");

	params[0] = email;
	params[1] = hash;
	params[2] = o->role;
	params[3] = o->name;
	params[4] = role == ECO_ROLE_INDIVIDUAL ? o->iin : NULL;
	params[5] = role == ECO_ROLE_ORGANISATION ? o->bin : NULL;
	params[6] = role == ECO_ROLE_ORGANISATION ? o->org : NULL;
	params[7] = o->holder;
	params[8] = o->position;
	params[9] = o->lang;
	res = PQexecParams(conn,
	    "INSERT INTO core.users (email, password_hash, kind, full_name, iin, "
	    "bin, org_name, holder_id, position, lang) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, "
	    "    (SELECT id FROM requests.holders "
	    "     WHERE id::text = $8 OR ref_code = $8), $9, $10) "
	    "ON CONFLICT (email) DO NOTHING RETURNING id",
	    10, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		die("cannot add the account: %s", PQresultErrorMessage(res));
	if (PQntuples(res) == 0) {
		PQclear(res);
		if (quiet)
			return 1;
		die("an account with e-mail %s already exists", email);
	}
	if (!quiet)
		printf("account %s (%s) has id %s\n", email, o->role,
		    PQgetvalue(res, 0, 0));
	PQclear(res);
	return 0;
}

static int
add_user(PGconn *conn, const struct user_opts *o)
{
	char hash[crypto_pwhash_STRBYTES];

	return insert_user(conn, o, hashed_password(o->password, hash), false);
}

static int
cmd_user_passwd(PGconn *conn, const struct user_opts *o)
{
	char email[256], hash[crypto_pwhash_STRBYTES];
	const char *params[2];
	PGresult *res;

	params[0] = checked_email(o->email, email, sizeof(email));
	params[1] = hashed_password(o->password, hash);
	/* A new password ends every session of the account. */
	res = PQexecParams(conn,
	    "WITH u AS (UPDATE core.users SET password_hash = $2, "
	    "  password_changed_at = now() WHERE email = $1 RETURNING id) "
	    "UPDATE core.sessions SET revoked_at = now() "
	    "WHERE user_id IN (SELECT id FROM u) AND revoked_at IS NULL "
	    "RETURNING (SELECT count(*) FROM u)",
	    2, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		die("cannot change the password: %s", PQresultErrorMessage(res));
	PQclear(res);
	res = PQexecParams(conn, "SELECT id FROM core.users WHERE email = $1",
	    1, NULL, params, NULL, NULL, 0);
	if (PQntuples(res) != 1)
		die("no account with e-mail %s", email);
	params[0] = PQgetvalue(res, 0, 0);
	PQclear(PQexecParams(conn, "INSERT INTO core.audit (action, object_type, "
	    "object_id) VALUES ('account.password.ecoctl', 'user', $1)",
	    1, NULL, params, NULL, NULL, 0));
	PQclear(res);
	printf("password of %s changed; its sessions are ended\n", email);
	return 0;
}

/* --- demo data and made-up requests ------------------------------------------ */

/* The demo requests: as many, made the same way on every run. */
#define DEMO_REQUESTS	400
#define DEMO_SEED	20260101

/* The last day of the made-up requests: ECO_TODAY, or today in Almaty. */
static long
generator_today(void)
{
	const char *s = getenv("ECO_TODAY");
	long day;

	if (s != NULL && *s != '\0') {
		if (eco_date_parse(s, &day) != 0)
			die("ECO_TODAY must be YYYY-MM-DD");
		return day;
	}
	setenv("TZ", "Asia/Almaty", 1);
	tzset();
	return eco_today();
}

static struct eco_calendar *database_calendar(void);
static int demo_court_cases(void);

/* Writes n requests of origin from seed, and says what it wrote. */
static void
write_requests(PGconn *conn, const char *origin, uint64_t seed, size_t n)
{
	struct eco_calendar *cal = database_calendar();
	struct copy_stats st;
	struct timespec t0, t1;
	char err[1024];

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (requests_copy(conn, cal, generator_today(), origin, seed, n, &st,
	    err, sizeof(err)) != 0)
		die("%s", err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	eco_calendar_free(cal);
	if (st.requests == 0 && n > 0)
		printf("demo requests are loaded already\n");
	else
		printf("%zu %s requests to %zu holders, %zu events, %zu "
		    "questions written in %.1f s\n", st.requests, origin,
		    st.holders, st.events, st.questions,
		    (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
}

/*
 * The demo: sql/demo, the accounts (one password hash for all, since
 * they share the password) and the requests, each only once.
 */
static int
cmd_demo_load(void)
{
	char hash[crypto_pwhash_STRBYTES], email[64];
	const struct demo_account *d;
	struct demo_account buf;
	PGconn *conn = connect_db();
	size_t i, added = 0;

	run_scripts(conn, "demo");
	hashed_password(DEMO_PASSWORD, hash);
	for (i = 0; (d = demo_account(i, &buf, email)) != NULL; i++) {
		struct user_opts o;

		memset(&o, 0, sizeof(o));
		o.email = d->email;
		o.name = d->name;
		o.role = d->role;
		o.iin = d->iin;
		o.bin = d->bin;
		o.org = d->org;
		o.lang = d->lang;
		o.holder = d->holder;
		o.position = d->position;
		if (insert_user(conn, &o, hash, true) == 0)
			added++;
	}
	printf("%zu demo accounts added (*@demo.ecogosfond.kz, password "
	    "\"%s\")\n", added, DEMO_PASSWORD);
	write_requests(conn, "demo", DEMO_SEED, DEMO_REQUESTS);
	PQfinish(conn);
	return demo_court_cases();
}

/*
 * ecoctl requests generate N [--seed S]: N made-up requests for the
 * benchmark, marked origin = 'generated'; they need the demo's officials
 * and requesters.  Another run adds N more.
 */
static int
cmd_requests_generate(int argc, char **argv)
{
	unsigned long long seed = 1;
	PGconn *conn;
	char *end;
	long n;

	if (argc != 1 && !(argc == 3 && strcmp(argv[1], "--seed") == 0))
		die("usage: ecoctl requests generate N [--seed S]");
	/* A million takes about a gigabyte while it is made. */
	if ((n = eco_parse_count(argv[0], 1000000)) < 1)
		die("N must be a whole number from 1 to 1000000");
	if (argc == 3) {
		errno = 0;
		seed = strtoull(argv[2], &end, 10);
		if (errno != 0 || end == argv[2] || *end != '\0' ||
		    argv[2][0] == '-')
			die("--seed must be a whole number");
	}
	conn = connect_db();
	write_requests(conn, "generated", (uint64_t)seed, (size_t)n);
	PQfinish(conn);
	return 0;
}

/* --- keys -------------------------------------------------------------------- */

static int
cmd_key_rotate(const struct user_opts *o)
{
	const char *path = getenv("ECO_KEYS");
	struct eco_keyring kr;
	char err[512], tmp[4200];
	char *text;
	int fd;
	size_t len;
	ssize_t w;

	if (path == NULL || *path == '\0')
		die("ECO_KEYS is not set (the keyring file)");
	if (o->keep < 1 || o->keep > ECO_KEYRING_MAX)
		die("--keep must be 1 to %d", ECO_KEYRING_MAX);
	memset(&kr, 0, sizeof(kr));
	if (access(path, F_OK) == 0 &&
	    eco_keyring_load(&kr, path, err, sizeof(err)) != 0)
		die("%s", err);
	if ((text = eco_keyring_rotated_text(&kr, (size_t)o->keep)) == NULL)
		die("cannot make a new key");
	/* Write a new file and rename it over the old one: never a torn keyring. */
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	/* A leftover file keeps its old mode through O_TRUNC. */
	if (fd < 0 || fchmod(fd, 0600) != 0)
		die("cannot write %s", tmp);
	len = strlen(text);
	w = write(fd, text, len);
	sodium_memzero(text, len);
	free(text);
	if (w != (ssize_t)len || fsync(fd) != 0 || close(fd) != 0 ||
	    rename(tmp, path) != 0)
		die("cannot write %s", path);
	printf("new signing key written to %s; handlers pick it up within "
	    "seconds\n", path);
	return 0;
}

/* --- deadlines ---------------------------------------------------------------- */

/* Calendar files are small; anything bigger is not one. */
#define CALENDAR_FILE_MAX	(1 << 20)

/* The whole file in a malloc'd buffer and its length (NUL bytes kept, so
 * that the parser reports them instead of stopping there). */
static char *
file_text(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *text;

	if (f == NULL)
		die("cannot open %s", path);
	if ((text = malloc(CALENDAR_FILE_MAX + 1)) == NULL)
		die("out of memory");
	*len = fread(text, 1, CALENDAR_FILE_MAX + 1, f);
	if (ferror(f))
		die("cannot read %s", path);
	if (*len > CALENDAR_FILE_MAX)
		die("%s is longer than %d bytes", path, CALENDAR_FILE_MAX);
	fclose(f);
	return text;
}

static long	parse_day(const char *, const char *);

/* The calendar kept in the database (core.calendar_days), finished. */
static struct eco_calendar *
database_calendar(void)
{
	PGconn *conn = connect_db();
	struct eco_calendar *cal;
	PGresult *res;

	res = PQexec(conn, "SELECT " ECO_CALENDAR_COLUMNS
	    " FROM core.calendar_days ORDER BY day");
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		die("cannot read the calendar: %s", PQresultErrorMessage(res));
	if ((cal = eco_calendar_from_rows(res)) == NULL)
		die("the calendar in the database could not be loaded");
	PQclear(res);
	PQfinish(conn);
	return cal;
}

/*
 * The calendar of --calendar FILE: weekends and the file's days, nothing
 * from the database; without a file, the database's calendar.
 */
static struct eco_calendar *
load_calendar(const char *path)
{
	struct eco_calendar *cal;
	char err[256], *text;
	size_t len;

	if (path == NULL)
		return database_calendar();
	if ((cal = eco_calendar_new_default()) == NULL)
		die("out of memory");
	text = file_text(path, &len);
	if (eco_calendar_parse(cal, text, len, err, sizeof(err)) != 0)
		die("%s: %s", path, err);
	free(text);
	if (eco_calendar_finish(cal) != 0)
		die("out of memory");
	return cal;
}

/* A year for the generator: 1900-2200, as eco_holidays_year takes them. */
static int
parse_year(const char *what, const char *s)
{
	char *end;
	long y = s ? strtol(s, &end, 10) : 0;

	if (s == NULL || *end != '\0' || y < 1900 || y > 2200)
		die("%s must be a year from 1900 to 2200", what);
	return (int)y;
}

/* The database as a worker sees it (lib/db.c), for the shared calendar code. */
static struct eco_db *
open_db(void)
{
	const char *dsn = getenv("ECO_DSN");
	struct eco_db *db;

	if (dsn == NULL || *dsn == '\0')
		die("ECO_DSN is not set");
	if ((db = eco_db_open(dsn)) == NULL || !eco_db_ping(db))
		die("cannot connect to the database");
	return db;
}

/*
 * ecoctl calendar generate --from-year Y --to-year Y: the statutory
 * holidays of those years and the days off they move to.  Days entered by
 * the Government or an administrator are never overwritten.
 */
static int
cmd_calendar_generate(int argc, char **argv)
{
	const char *from = NULL, *to = NULL;
	struct eco_arena *arena = eco_arena_new();
	struct eco_db *db;
	int i, y1, y2, written;

	for (i = 0; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--from-year") == 0) from = argv[i + 1];
		else if (strcmp(argv[i], "--to-year") == 0) to = argv[i + 1];
		else die("unknown option %s", argv[i]);
	}
	if (i != argc)
		die("%s needs a value", argv[i]);
	y1 = parse_year("--from-year", from);
	y2 = parse_year("--to-year", to);
	if (y2 < y1)
		die("--to-year must not be before --from-year");
	db = open_db();
	if ((written = eco_calendar_regenerate(db, arena, y1, y2)) < 0)
		die("cannot write the calendar (SQLSTATE %s)", eco_db_sqlstate(db));
	printf("%d days written for %d-%d\n", written, y1, y2);
	eco_db_close(db);
	eco_arena_free(arena);
	return 0;
}

/*
 * ecoctl calendar set DATE off|work --name NAME [--name-kk N] [--name-ru N]
 * [--name-en N] [--kind holiday|religious] [--source government|admin]:
 * a Government transfer or an administrator's day (Kurban Ait:
 * "off --kind religious").  ecoctl calendar clear DATE removes one.  The
 * generated days off of the year then step around it.
 */
static int
cmd_calendar_set(int argc, char **argv)
{
	const char *name = NULL, *names[ECO_LANG_COUNT] = { NULL, NULL, NULL };
	const char *kind = NULL, *source = "admin";
	struct eco_arena *arena = eco_arena_new();
	enum eco_cal_kind k;
	struct eco_db *db;
	bool off;
	int i, l;

	if (argc < 2)
		die("usage: ecoctl calendar set DATE off|work --name NAME");
	parse_day("DATE", argv[0]);
	if (strcmp(argv[1], "off") != 0 && strcmp(argv[1], "work") != 0)
		die("say off or work after the date");
	off = strcmp(argv[1], "off") == 0;
	for (i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--name") == 0) name = argv[i + 1];
		else if (strcmp(argv[i], "--name-kk") == 0) names[ECO_LANG_KK] = argv[i + 1];
		else if (strcmp(argv[i], "--name-ru") == 0) names[ECO_LANG_RU] = argv[i + 1];
		else if (strcmp(argv[i], "--name-en") == 0) names[ECO_LANG_EN] = argv[i + 1];
		else if (strcmp(argv[i], "--kind") == 0) kind = argv[i + 1];
		else if (strcmp(argv[i], "--source") == 0) source = argv[i + 1];
		else die("unknown option %s", argv[i]);
	}
	if (i != argc)
		die("%s needs a value", argv[i]);
	for (l = 0; l < ECO_LANG_COUNT; l++) {
		if (names[l] == NULL)
			names[l] = name;
		if (!eco_cal_name_valid(names[l]))
			die("every day needs a name (--name, or --name-kk, "
			    "--name-ru and --name-en), one line of text");
	}
	if (!off)
		k = ECO_CAL_MOVED_WORK;
	else if (kind == NULL)
		k = ECO_CAL_MOVED_OFF;
	else if (eco_cal_kind_parse(kind, &k) != 0 || k == ECO_CAL_MOVED_WORK)
		die("--kind must be holiday, religious or transferred_off");
	if (strcmp(source, "admin") != 0 && strcmp(source, "government") != 0)
		die("--source must be government or admin");
	db = open_db();
	if (eco_calendar_set_day(db, arena, argv[0], eco_cal_kind_code(k), names,
	    source) != 0)
		die("cannot set %s (SQLSTATE %s)", argv[0], eco_db_sqlstate(db));
	printf("%s is now a %s day (%s)\n", argv[0], off ? "non-working" :
	    "working", eco_cal_kind_code(k));
	eco_db_close(db);
	eco_arena_free(arena);
	return 0;
}

static int
cmd_calendar_clear(int argc, char **argv)
{
	struct eco_arena *arena;
	struct eco_db *db;
	int removed;

	if (argc != 1)
		die("usage: ecoctl calendar clear DATE");
	parse_day("DATE", argv[0]);
	arena = eco_arena_new();
	db = open_db();
	if ((removed = eco_calendar_clear_day(db, arena, argv[0])) < 0)
		die("cannot clear %s (SQLSTATE %s)", argv[0], eco_db_sqlstate(db));
	printf("%s: %d day%s removed\n", argv[0], removed, removed == 1 ? "" : "s");
	eco_db_close(db);
	eco_arena_free(arena);
	return 0;
}

static long
parse_day(const char *what, const char *s)
{
	long day;

	if (eco_date_parse(s, &day) != 0)
		die("%s must be a date YYYY-MM-DD", what);
	return day;
}

/* A period: decimal digits only, at most 100000 (273 years). */
static long
parse_count(const char *what, const char *s)
{
	long n = eco_parse_count(s, 100000);

	if (n < 0)
		die("%s must be a whole number from 0 to 100000", what);
	return n;
}

static void
check_in(const struct eco_calendar *cal, long day, const char *s)
{
	if (!eco_calendar_in_range(cal, day))
		die("%s is outside the calendar %s", s,
		    eco_calendar_range_text(cal));
}

static void
print_day(long day)
{
	char iso[16];

	eco_date_format_iso(day, iso, sizeof(iso));
	printf("%s\n", iso);
}

/* Takes the value of option k into *slot; each option at most once. */
static void
take(const char *k, const char *v, const char **slot)
{
	if (v == NULL)
		die("%s needs a value", k);
	if (*slot != NULL)
		die("%s is given twice", k);
	*slot = v;
}

static int
cmd_deadline(int argc, char **argv)
{
	const char *from = NULL, *days = NULL, *unit = NULL, *months = NULL;
	const char *file = NULL;
	struct eco_calendar *cal;
	long start, n, due;
	int i, rc;

	for (i = 0; i < argc; i += 2) {
		const char *k = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(k, "--from") == 0) take(k, v, &from);
		else if (strcmp(k, "--days") == 0) take(k, v, &days);
		else if (strcmp(k, "--unit") == 0) take(k, v, &unit);
		else if (strcmp(k, "--months") == 0) take(k, v, &months);
		else if (strcmp(k, "--calendar") == 0) take(k, v, &file);
		else die("unknown option %s", k);
	}
	if (from == NULL)
		die("--from is required");
	if ((days == NULL) == (months == NULL))
		die("give either --days N --unit calendar|working or --months N");
	if (days != NULL && (unit == NULL || (strcmp(unit, "calendar") != 0 &&
	    strcmp(unit, "working") != 0)))
		die("--days needs --unit calendar or --unit working");
	if (months != NULL && unit != NULL)
		die("--unit goes with --days, not with --months");
	start = parse_day("--from", from);
	n = days != NULL ? parse_count("--days", days) :
	    parse_count("--months", months);
	cal = load_calendar(file);
	check_in(cal, start, from);
	if (months != NULL)
		rc = eco_calendar_add_months(cal, start, n, &due);
	else if (strcmp(unit, "working") == 0)
		rc = eco_calendar_add_working_days(cal, start, n, &due);
	else
		rc = eco_calendar_add_calendar_days(cal, start, n, &due);
	if (rc != 0)
		die("the due date is outside the calendar %s",
		    eco_calendar_range_text(cal));
	print_day(due);
	eco_calendar_free(cal);
	return 0;
}

static int
cmd_workdays(int argc, char **argv)
{
	const char *dates[2] = { NULL, NULL }, *file = NULL;
	struct eco_calendar *cal;
	long a, b, count;
	int i, ndates = 0;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--calendar") == 0) {
			take(argv[i], i + 1 < argc ? argv[i + 1] : NULL, &file);
			i++;
		} else if (argv[i][0] == '-' || ndates == 2)
			die("usage: ecoctl workdays FROM TO [--calendar FILE]");
		else
			dates[ndates++] = argv[i];
	}
	if (ndates != 2)
		die("usage: ecoctl workdays FROM TO [--calendar FILE]");
	a = parse_day("FROM", dates[0]);
	b = parse_day("TO", dates[1]);
	cal = load_calendar(file);
	check_in(cal, a, dates[0]);
	check_in(cal, b, dates[1]);
	if (eco_calendar_count_working(cal, a, b, &count) != 0)
		die("cannot count the working days");
	printf("%ld\n", count);
	eco_calendar_free(cal);
	return 0;
}

/*
 * ecoctl courts generate N: N made-up court cases for the benchmark,
 * marked generated (tools/courts_gen.c).  Another run adds N more.
 */
static int
cmd_courts_generate(const char *count)
{
	char err[1024];
	PGconn *conn;
	long n;

	if ((n = eco_parse_count(count, 1000000)) < 1)
		die("N must be a whole number from 1 to 1000000");
	conn = connect_db();
	if (courts_generate(conn, n, err, sizeof(err)) != 0)
		die("courts generate: %s", err);
	PQfinish(conn);
	printf("%ld court cases generated\n", n);
	return 0;
}

/* ecoctl courts import FILE.json (tools/courts_import.c). */
static int
cmd_courts_import(const char *path)
{
	struct eco_db *db = open_db();
	int rc;

	rc = courts_import(db, path);
	eco_db_close(db);
	return rc;
}

/*
 * The twelve real cases of the seed report (sql/demo/court_cases.json),
 * which a second load updates in place.
 */
static int
demo_court_cases(void)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/sql/demo/court_cases.json",
	    share_dir);
	return cmd_courts_import(path);
}

static void
usage(void)
{
	fputs("usage: ecoctl migrate\n"
	    "       ecoctl demo load\n"
	    "       ecoctl requests generate N [--seed S]\n"
	    "       ecoctl courts generate N\n"
	    "       ecoctl courts import FILE.json\n"
	    "       ecoctl user add --email E --password P --name N --role ROLE\n"
	    "                       [--iin IIN] [--bin BIN --org NAME] [--lang kk|ru|en]\n"
	    "                       [--holder ID|CODE] [--position registrar|executor|head]\n"
	    "       ecoctl user passwd --email E --password P\n"
	    "       ecoctl key rotate [--keep N]\n"
	    "       ecoctl deadline --from YYYY-MM-DD (--days N --unit calendar|working |\n"
	    "                       --months N) [--calendar FILE]\n"
	    "       ecoctl workdays FROM TO [--calendar FILE]\n"
	    "       ecoctl calendar generate --from-year Y --to-year Y\n"
	    "       ecoctl calendar set DATE off|work --name NAME [--name-kk N]\n"
	    "                       [--name-ru N] [--name-en N] [--kind holiday|religious]\n"
	    "                       [--source government|admin]\n"
	    "       ecoctl calendar clear DATE\n", stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	struct user_opts o;
	PGconn *conn;
	int rc;

	if (sodium_init() < 0)
		die("libsodium cannot be initialised");
	share_dir = getenv("ECO_SHARE_DIR");
	if (share_dir == NULL || *share_dir == '\0')
		share_dir = ECO_DEFAULT_SHARE_DIR;
	if (argc < 2)
		usage();
	if (strcmp(argv[1], "migrate") == 0 && argc == 2)
		return cmd_migrate();
	if (strcmp(argv[1], "deadline") == 0)
		return cmd_deadline(argc - 2, argv + 2);
	if (strcmp(argv[1], "workdays") == 0)
		return cmd_workdays(argc - 2, argv + 2);
	if (strcmp(argv[1], "requests") == 0 && argc >= 3 &&
	    strcmp(argv[2], "generate") == 0)
		return cmd_requests_generate(argc - 3, argv + 3);
	if (strcmp(argv[1], "courts") == 0 && argc == 4 &&
	    strcmp(argv[2], "import") == 0)
		return cmd_courts_import(argv[3]);
	if (strcmp(argv[1], "courts") == 0 && argc == 4 &&
	    strcmp(argv[2], "generate") == 0)
		return cmd_courts_generate(argv[3]);
	if (strcmp(argv[1], "calendar") == 0 && argc >= 3) {
		if (strcmp(argv[2], "generate") == 0)
			return cmd_calendar_generate(argc - 3, argv + 3);
		if (strcmp(argv[2], "set") == 0)
			return cmd_calendar_set(argc - 3, argv + 3);
		if (strcmp(argv[2], "clear") == 0)
			return cmd_calendar_clear(argc - 3, argv + 3);
	}
	if (argc < 3)
		usage();
	parse_opts(argc - 3, argv + 3, &o);
	if (strcmp(argv[1], "demo") == 0 && strcmp(argv[2], "load") == 0)
		return cmd_demo_load();
	if (strcmp(argv[1], "key") == 0 && strcmp(argv[2], "rotate") == 0)
		return cmd_key_rotate(&o);
	if (strcmp(argv[1], "user") == 0 && strcmp(argv[2], "add") == 0) {
		conn = connect_db();
		rc = add_user(conn, &o);
		PQfinish(conn);
		return rc;
	}
	if (strcmp(argv[1], "user") == 0 && strcmp(argv[2], "passwd") == 0) {
		conn = connect_db();
		rc = cmd_user_passwd(conn, &o);
		PQfinish(conn);
		return rc;
	}
	usage();
	return 2;
}
