/*
 * PostgreSQL access for a worker: one connection, reconnected by itself when
 * the server restarts, and prepared statements only.
 *
 * A statement is declared once, next to the code that uses it:
 *
 *	static struct eco_stmt q_user = ECO_STMT(
 *	    "SELECT id, email FROM core.users WHERE id = $1");
 *
 * and run with eco_db_exec(), which prepares it on the connection the first
 * time.  Values always travel as parameters; SQL is never assembled from
 * input.  Results belong to the arena and are cleared with it.
 */
#ifndef ECO_DB_H
#define ECO_DB_H

#include <stdbool.h>

#include <libpq-fe.h>

struct eco_arena;

struct eco_stmt {
	const char	*sql;
	unsigned	 id;		/* assigned on first use, names it "s<id>" */
	unsigned long	 prepared_on;	/* connection generation it is prepared on */
};

#define ECO_STMT(sql)	{ (sql), 0, 0 }

struct eco_db;

/* Never fails: a connection that cannot be made now is retried on use. */
struct eco_db *eco_db_open(const char *conninfo);
void	eco_db_close(struct eco_db *);

/*
 * Runs stmt with n text parameters (NULL means SQL NULL).  Returns the
 * result (PGRES_TUPLES_OK or PGRES_COMMAND_OK), or NULL on failure, with
 * eco_db_sqlstate() telling why.  A connection the server closed between
 * requests is replaced before anything is sent; inside a transaction a
 * lost connection fails every statement until the rollback.
 */
PGresult *eco_db_exec(struct eco_db *, struct eco_arena *, struct eco_stmt *,
	    int n, const char *const *params);
/* Number of rows changed by a command result. */
long	eco_db_affected(PGresult *);

/* SQLSTATE of the last failure ("23505" unique violation, "08006" ...). */
const char *eco_db_sqlstate(const struct eco_db *);
/* True when the last failure was the database being unreachable. */
bool	eco_db_unavailable(const struct eco_db *);

/* Transactions.  0 or -1; commit fails also when the server rolled the
 * transaction back (a statement in it failed).  A transaction still open
 * when the request ends is rolled back by the application, so an error
 * path leaves nothing behind. */
int	eco_db_begin(struct eco_db *);
int	eco_db_commit(struct eco_db *);
void	eco_db_rollback(struct eco_db *);
bool	eco_db_in_transaction(const struct eco_db *);

/* SELECT 1: true when the database answers. */
bool	eco_db_ping(struct eco_db *);

#endif
