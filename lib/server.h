/*
 * The FastCGI process model shared by every handler binary.
 *
 * The master binds the socket, forks N workers and watches them: a worker
 * that dies is replaced; on SIGTERM or SIGINT the workers finish the request
 * in hand and exit, and so does the master; on SIGHUP every process reopens
 * its log.  A worker blocks signals while it serves a request, so a request
 * that started is always finished.
 */
#ifndef ECO_SERVER_H
#define ECO_SERVER_H

#include <stddef.h>
#include <sys/types.h>

#include <fcgiapp.h>

struct eco_server_config {
	const char	*name;		/* "eco-account": log lines, messages */
	const char	*listen;	/* unix socket path, or [host]:port */
	int		 workers;
	int		 backlog;
	mode_t		 socket_mode;	/* of a unix socket */
	const char	*socket_group;	/* group of a unix socket, or NULL */
	const char	*log_path;	/* NULL: standard error */
	const char	*pid_path;	/* NULL: none */
};

/*
 * Reads --listen, --workers, --log, --pid-file, --socket-mode and
 * --socket-group.  0, or -1 with a message (including for --help).
 */
int	eco_server_options(int argc, char **argv, struct eco_server_config *,
	    char *err, size_t errlen);

/* Called in each new worker before it accepts; non-zero makes it exit. */
typedef int	(*eco_worker_start_fn)(void *ud);
/* Serves one accepted request; the server finishes it afterwards. */
typedef void	(*eco_request_fn)(FCGX_Request *, void *ud);

/* Runs until SIGTERM/SIGINT; returns the process exit status. */
int	eco_server_run(const struct eco_server_config *, eco_worker_start_fn,
	    eco_request_fn, void *ud);

#endif
