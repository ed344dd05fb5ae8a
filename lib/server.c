/*
 * The FastCGI process model: a master that binds the socket and keeps N
 * workers alive, and workers that accept and serve one request at a time.
 *
 * Signals.  The master turns SIGTERM/SIGINT into a stop: it sends SIGTERM to
 * every worker, repeats it while they run (a worker can be caught between
 * checking its flag and entering accept(2)), and after a grace period kills
 * what is left.  A worker keeps SIGTERM and SIGHUP blocked while it serves a
 * request and opens them only around FCGX_Accept_r(), which is told to
 * return on EINTR: a stop never cuts a request short.
 */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <fcgiapp.h>

#include "log.h"
#include "server.h"

#define MAX_WORKERS	64
#define STOP_GRACE_SEC	20

static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t reopen_requested;
static volatile sig_atomic_t child_exited;

static void
on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void
on_worker_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
	FCGX_ShutdownPending();
}

static void
on_hup(int sig)
{
	(void)sig;
	reopen_requested = 1;
}

static void
on_child(int sig)
{
	(void)sig;
	child_exited = 1;
}

/* A fork that failed is tried again a second later. */
static void
on_alarm(int sig)
{
	(void)sig;
	child_exited = 1;
}

static void
set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: accept(2) must return */
	sigaction(sig, &sa, NULL);
}

static int
parse_int(const char *s, long min, long max, int base, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, base);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
eco_server_options(int argc, char **argv, struct eco_server_config *c,
    char *err, size_t errlen)
{
	int i;
	long v;

	c->listen = NULL;
	c->workers = 4;
	c->backlog = 256;
	c->socket_mode = 0660;
	c->socket_group = NULL;
	c->log_path = NULL;
	c->pid_path = NULL;

	for (i = 1; i < argc; i++) {
		const char *opt = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(opt, "--help") == 0 || strcmp(opt, "-h") == 0)
			goto usage;
		if (val == NULL) {
			snprintf(err, errlen, "%s needs a value", opt);
			return -1;
		}
		i++;
		if (strcmp(opt, "--listen") == 0) {
			c->listen = val;
		} else if (strcmp(opt, "--workers") == 0) {
			if (parse_int(val, 1, MAX_WORKERS, 10, &v) != 0) {
				snprintf(err, errlen, "--workers must be 1 to %d",
				    MAX_WORKERS);
				return -1;
			}
			c->workers = (int)v;
		} else if (strcmp(opt, "--log") == 0) {
			c->log_path = val;
		} else if (strcmp(opt, "--pid-file") == 0) {
			c->pid_path = val;
		} else if (strcmp(opt, "--socket-mode") == 0) {
			if (parse_int(val, 0, 0777, 8, &v) != 0) {
				snprintf(err, errlen, "--socket-mode must be octal, e.g. 0660");
				return -1;
			}
			c->socket_mode = (mode_t)v;
		} else if (strcmp(opt, "--socket-group") == 0) {
			c->socket_group = val;
		} else {
			snprintf(err, errlen, "unknown option %s", opt);
			return -1;
		}
	}
	if (c->listen == NULL) {
		snprintf(err, errlen, "--listen is required");
		return -1;
	}
	return 0;
usage:
	snprintf(err, errlen, "usage: %s --listen SOCKET|[HOST]:PORT [--workers N] "
	    "[--log FILE] [--pid-file FILE] [--socket-mode 0660] "
	    "[--socket-group GROUP]", c->name ? c->name : argv[0]);
	return -1;
}

static int
open_socket(const struct eco_server_config *c)
{
	bool unix_socket = strchr(c->listen, ':') == NULL;
	int fd;

	if (unix_socket) {
		if (strlen(c->listen) > 107) {
			eco_log("socket path longer than 107 bytes: %s", c->listen);
			return -1;
		}
		unlink(c->listen);
	}
	if ((fd = FCGX_OpenSocket(c->listen, c->backlog)) < 0) {
		eco_log("cannot listen on %s: %s", c->listen, strerror(errno));
		return -1;
	}
	if (unix_socket) {
		if (c->socket_group != NULL) {
			struct group *g = getgrnam(c->socket_group);

			if (g == NULL || chown(c->listen, (uid_t)-1, g->gr_gid) != 0) {
				eco_log("cannot give %s to group %s", c->listen,
				    c->socket_group);
				return -1;
			}
		}
		if (chmod(c->listen, c->socket_mode) != 0) {
			eco_log("cannot chmod %s: %s", c->listen, strerror(errno));
			return -1;
		}
	}
	return fd;
}

/* The worker's loop; never returns. */
static void
worker_main(int listen_fd, eco_worker_start_fn start, eco_request_fn serve,
    void *ud)
{
	FCGX_Request req;
	sigset_t serving;
	int rc, accept_errno;

#ifdef __linux__
	/* A worker must not outlive a master killed without ceremony. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
#endif
	set_handler(SIGTERM, on_worker_stop);
	set_handler(SIGINT, SIG_IGN);
	set_handler(SIGHUP, on_hup);
	signal(SIGCHLD, SIG_DFL);
	sigemptyset(&serving);
	sigaddset(&serving, SIGTERM);
	sigaddset(&serving, SIGHUP);

	if (start != NULL && start(ud) != 0)
		_exit(3);
	if (FCGX_InitRequest(&req, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		_exit(3);

	while (!stop_requested) {
		sigprocmask(SIG_UNBLOCK, &serving, NULL);
		if (stop_requested)
			break;
		rc = FCGX_Accept_r(&req);
		accept_errno = errno;
		sigprocmask(SIG_BLOCK, &serving, NULL);
		if (reopen_requested) {
			reopen_requested = 0;
			eco_log_reopen();
		}
		if (rc < 0) {
			if (stop_requested)
				break;
			if (accept_errno != EINTR && accept_errno != 0) {
				eco_log("accept failed: %s", strerror(accept_errno));
				sleep(1);
			}
			continue;
		}
		serve(&req, ud);
		/*
		 * libfcgi closes a connection by shutting down its side and
		 * then reading until nginx has closed, so that no unread input
		 * makes the close a reset; when all input has been read (the
		 * end of stdin is seen) there is nothing to drain, and a plain
		 * close spares the worker that wait.
		 */
		if (FCGX_GetChar(req.in) == EOF)
			FCGX_Detach(&req);
		FCGX_Finish_r(&req);
	}
	_exit(0);
}

static pid_t
spawn_worker(int listen_fd, eco_worker_start_fn start, eco_request_fn serve,
    void *ud)
{
	pid_t pid = fork();

	if (pid == 0) {
		eco_log_forked();
		worker_main(listen_fd, start, serve, ud);
	}
	if (pid < 0)
		eco_log("fork failed: %s", strerror(errno));
	return pid;
}

static void
signal_all(const pid_t *pids, int n, int sig)
{
	int i;

	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], sig);
}

static int
count_alive(const pid_t *pids, int n)
{
	int i, alive = 0;

	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			alive++;
	return alive;
}

/* Reaps exited workers, marking their slots 0; returns how many died. */
static int
reap(pid_t *pids, int n, bool stopping)
{
	int status, i, died = 0;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < n; i++) {
			if (pids[i] != pid)
				continue;
			pids[i] = 0;
			if (!stopping) {
				died++;
				if (WIFSIGNALED(status))
					eco_log("worker %d killed by signal %d; "
					    "starting another", (int)pid,
					    WTERMSIG(status));
				else
					eco_log("worker %d exited with %d; "
					    "starting another", (int)pid,
					    WEXITSTATUS(status));
			}
		}
	}
	return died;
}

static void
write_pid(const char *path)
{
	FILE *f;

	if (path == NULL || (f = fopen(path, "w")) == NULL)
		return;
	fprintf(f, "%d\n", (int)getpid());
	fclose(f);
}

int
eco_server_run(const struct eco_server_config *c, eco_worker_start_fn start,
    eco_request_fn serve, void *ud)
{
	pid_t pids[MAX_WORKERS] = { 0 };
	sigset_t block, old;
	time_t window_start = time(NULL), deadline;
	int i, listen_fd, restarts = 0;

	if (eco_log_open(c->name, c->log_path) != 0) {
		fprintf(stderr, "%s: cannot open log %s\n", c->name, c->log_path);
		return 1;
	}
#ifdef M_MXFAST
	/*
	 * No fastbins, for the workers forked below: a page frees thousands
	 * of small blocks (jansson, libpq) and then asks for a few large ones,
	 * and with fastbins glibc consolidates its free lists at each large
	 * request, a tenth of a worker's time (tests/bench/RESULTS.md).  The
	 * per-thread cache still serves the small blocks.
	 */
	mallopt(M_MXFAST, 0);
#endif
	if (FCGX_Init() != 0) {
		eco_log("FCGX_Init failed");
		return 1;
	}
	if ((listen_fd = open_socket(c)) < 0)
		return 1;
	signal(SIGPIPE, SIG_IGN);
	set_handler(SIGTERM, on_stop);
	set_handler(SIGINT, on_stop);
	set_handler(SIGHUP, on_hup);
	set_handler(SIGCHLD, on_child);
	set_handler(SIGALRM, on_alarm);
	write_pid(c->pid_path);

	/* Signals are taken only while the master sleeps in sigsuspend. */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, &old);

	for (i = 0; i < c->workers; i++)
		pids[i] = spawn_worker(listen_fd, start, serve, ud);
	if (count_alive(pids, c->workers) < c->workers)
		alarm(1);
	eco_log("listening on %s with %d workers", c->listen, c->workers);

	while (!stop_requested) {
		sigsuspend(&old);
		if (reopen_requested) {
			reopen_requested = 0;
			eco_log_reopen();
			signal_all(pids, c->workers, SIGHUP);
		}
		if (!child_exited)
			continue;
		child_exited = 0;
		restarts += reap(pids, c->workers, false);
		/* A worker that dies at once must not make the master spin. */
		if (time(NULL) - window_start >= 10) {
			window_start = time(NULL);
			restarts = 0;
		}
		if (restarts > 2 * c->workers) {
			eco_log("workers keep dying; waiting a second");
			sleep(1);
		}
		for (i = 0; i < c->workers && !stop_requested; i++)
			if (pids[i] <= 0)
				pids[i] = spawn_worker(listen_fd, start, serve, ud);
		if (count_alive(pids, c->workers) < c->workers)
			alarm(1);
	}

	eco_log("stopping");
	deadline = time(NULL) + STOP_GRACE_SEC;
	while (count_alive(pids, c->workers) > 0 && time(NULL) < deadline) {
		struct timespec pause = { 0, 100 * 1000 * 1000 };

		signal_all(pids, c->workers, SIGTERM);
		sigprocmask(SIG_SETMASK, &old, NULL);
		nanosleep(&pause, NULL);
		sigprocmask(SIG_BLOCK, &block, NULL);
		reap(pids, c->workers, true);
	}
	if (count_alive(pids, c->workers) > 0) {
		eco_log("workers did not stop in %d s; killing them", STOP_GRACE_SEC);
		signal_all(pids, c->workers, SIGKILL);
		while (waitpid(-1, NULL, 0) > 0)
			;
	}
	if (strchr(c->listen, ':') == NULL)
		unlink(c->listen);
	if (c->pid_path != NULL)
		unlink(c->pid_path);
	eco_log("stopped");
	return 0;
}
