/*
 * One PostgreSQL connection per worker.
 *
 * Statements are prepared lazily, once per connection: each struct eco_stmt
 * remembers the generation of the connection it was prepared on, and a new
 * connection (after a server restart) has a new generation, so everything
 * is prepared again without bookkeeping in the callers.
 *
 * Errors are logged by SQLSTATE only.  The message text of an error can
 * quote the values of a row ("Key (email)=(...) already exists"), and the
 * log must never hold personal data.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "db.h"
#include "log.h"

struct eco_db {
	char		*conninfo;
	PGconn		*conn;
	unsigned long	 generation;	/* of this connection, see below */
	bool		 in_tx;
	char		 sqlstate[6];
	time_t		 last_check;	/* monotonic second of the last idle check */
};

static unsigned next_stmt_id;
/* One counter for the whole process: a statement prepared on one
 * connection never passes for prepared on another. */
static unsigned long last_generation;

struct eco_db *
eco_db_open(const char *conninfo)
{
	struct eco_db *db = calloc(1, sizeof(*db));

	if (db == NULL || (db->conninfo = strdup(conninfo)) == NULL) {
		free(db);
		return NULL;
	}
	/* A database host that drops packets must not hold a request for
	 * the kernel's TCP timeout. */
	setenv("PGCONNECT_TIMEOUT", "5", 0);
	return db;
}

void
eco_db_close(struct eco_db *db)
{
	if (db == NULL)
		return;
	if (db->conn != NULL)
		PQfinish(db->conn);
	free(db->conninfo);
	free(db);
}

static void
set_state(struct eco_db *db, const char *state)
{
	snprintf(db->sqlstate, sizeof(db->sqlstate), "%s", state ? state : "");
}

static void
drop_connection(struct eco_db *db)
{
	if (db->conn != NULL)
		PQfinish(db->conn);
	db->conn = NULL;
}

static bool
connection_lost(struct eco_db *db)
{
	return db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK;
}

static void
ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/*
 * An idle connection has nothing to say: we never LISTEN.  When its socket
 * is readable, the server is saying goodbye ("terminating connection due
 * to administrator command", then end of file), so it must be replaced.
 * It is asked at most once a second: under load that saves a system call
 * per request; a restart within that second is noticed when a statement
 * fails (see eco_db_exec).
 */
static bool
idle_socket_readable(struct eco_db *db)
{
	struct pollfd p = { .fd = PQsocket(db->conn), .events = POLLIN };
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (now.tv_sec == db->last_check)
		return false;
	db->last_check = now.tv_sec;
	return p.fd >= 0 && poll(&p, 1, 0) != 0;
}

/*
 * Makes sure there is a working connection.  0 or -1.
 *
 * Between requests the server may have closed an idle connection (a
 * restart); its socket turns readable, which is noticed before a
 * statement is sent, so nothing is ever sent twice.  Inside a transaction a lost connection
 * is an error: the statements before it are gone with it.
 */
static int
ensure_connected(struct eco_db *db)
{
	if (db->in_tx) {
		if (connection_lost(db)) {
			set_state(db, "08006");
			return -1;
		}
		return 0;
	}
	if (db->conn != NULL && (connection_lost(db) || idle_socket_readable(db)))
		drop_connection(db);
	if (db->conn != NULL)
		return 0;
	db->conn = PQconnectdb(db->conninfo);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		eco_log("database unreachable");
		drop_connection(db);
		set_state(db, "08006");
		return -1;
	}
	/* Notices go to stderr by default, and may quote data: drop them. */
	PQsetNoticeProcessor(db->conn, ignore_notice, NULL);
	db->generation = ++last_generation;
	return 0;
}

static void
clear_result(void *p)
{
	PQclear(p);
}

/* Records the failure of res (which it clears) and returns NULL. */
static PGresult *
fail(struct eco_db *db, PGresult *res, const struct eco_stmt *stmt)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	if (connection_lost(db))
		state = "08006";
	set_state(db, state ? state : "XX000");
	/* Unique violations and the like are expected answers, not incidents. */
	if (strncmp(db->sqlstate, "23", 2) != 0)
		eco_log("statement s%u failed: SQLSTATE %s", stmt ? stmt->id : 0,
		    db->sqlstate);
	PQclear(res);
	return NULL;
}

/*
 * Runs stmt, preparing it first on this connection if needed.  *sent tells
 * whether the statement itself went to the server: only a failure before
 * that may be retried without the risk of doing a write twice.
 */
static PGresult *
exec_once(struct eco_db *db, struct eco_stmt *stmt, int n,
    const char *const *params, bool *sent)
{
	char name[16];
	PGresult *res;
	ExecStatusType st;

	*sent = false;
	if (ensure_connected(db) != 0)
		return NULL;
	if (stmt->id == 0)
		stmt->id = ++next_stmt_id;
	snprintf(name, sizeof(name), "s%u", stmt->id);
	if (stmt->prepared_on != db->generation) {
		res = PQprepare(db->conn, name, stmt->sql, n, NULL);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			return fail(db, res, stmt);
		PQclear(res);
		stmt->prepared_on = db->generation;
	}
	*sent = true;
	res = PQexecPrepared(db->conn, name, n, params, NULL, NULL, 0);
	st = PQresultStatus(res);
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
		return fail(db, res, stmt);
	set_state(db, "");
	return res;
}

PGresult *
eco_db_exec(struct eco_db *db, struct eco_arena *arena, struct eco_stmt *stmt,
    int n, const char *const *params)
{
	bool sent;
	PGresult *res = exec_once(db, stmt, n, params, &sent);

	/*
	 * The connection was found broken.  If the statement was not sent, or
	 * only reads, running it again on a new connection cannot do anything
	 * twice; a write is left failed rather than risk that.
	 */
	if (res == NULL && !db->in_tx && strcmp(db->sqlstate, "08006") == 0 &&
	    db->conn != NULL && (!sent || strncmp(stmt->sql, "SELECT", 6) == 0)) {
		drop_connection(db);
		res = exec_once(db, stmt, n, params, &sent);
	}
	if (res != NULL && arena != NULL)
		eco_arena_defer(arena, clear_result, res);
	return res;
}

long
eco_db_affected(PGresult *res)
{
	const char *s = PQcmdTuples(res);

	return s && *s ? strtol(s, NULL, 10) : 0;
}

const char *
eco_db_sqlstate(const struct eco_db *db)
{
	return db->sqlstate;
}

bool
eco_db_unavailable(const struct eco_db *db)
{
	return strncmp(db->sqlstate, "08", 2) == 0 ||
	    strncmp(db->sqlstate, "57P", 3) == 0;
}

/* BEGIN, COMMIT or ROLLBACK; true when the server answered with tag. */
static bool
simple_command(struct eco_db *db, const char *sql, const char *tag)
{
	PGresult *res;
	bool ok;

	res = PQexec(db->conn, sql);
	/* COMMIT of a failed transaction succeeds with the tag ROLLBACK. */
	ok = PQresultStatus(res) == PGRES_COMMAND_OK &&
	    strcmp(PQcmdStatus(res), tag) == 0;
	if (!ok) {
		const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);

		set_state(db, connection_lost(db) ? "08006" :
		    state ? state : "40000");
		eco_log("%s failed: SQLSTATE %s", sql, db->sqlstate);
	}
	PQclear(res);
	return ok;
}

int
eco_db_begin(struct eco_db *db)
{
	if (db->in_tx || ensure_connected(db) != 0)
		return -1;
	if (!simple_command(db, "BEGIN", "BEGIN"))
		return -1;
	db->in_tx = true;
	return 0;
}

int
eco_db_commit(struct eco_db *db)
{
	bool ok;

	if (!db->in_tx)
		return -1;
	ok = !connection_lost(db) && simple_command(db, "COMMIT", "COMMIT");
	db->in_tx = false;
	return ok ? 0 : -1;
}

void
eco_db_rollback(struct eco_db *db)
{
	if (!db->in_tx)
		return;
	if (!connection_lost(db))
		simple_command(db, "ROLLBACK", "ROLLBACK");
	db->in_tx = false;
}

bool
eco_db_in_transaction(const struct eco_db *db)
{
	return db->in_tx;
}

bool
eco_db_ping(struct eco_db *db)
{
	static struct eco_stmt ping = ECO_STMT("SELECT 1");
	PGresult *res = eco_db_exec(db, NULL, &ping, 0, NULL);

	if (res == NULL)
		return false;
	PQclear(res);
	return true;
}
